/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-avatar-cache"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-avatar-cache-private.h"

/* How a load is answered: the memory cache (least recently used go
 * first), then the disk, then one request per URL shared by every caller,
 * queued so that at most ConveneAvatarCache:max-in-flight are on the
 * network; failures are remembered for a while. */

typedef struct
{
  GTask  *task;
  gulong  cancelled_id;
} Waiter;

typedef struct
{
  GError *error;
  gint64  until;
} Failure;

/* Helpers: memory cache */

void
memory_entry_free (gpointer data)
{
  MemoryEntry *entry = data;

  g_clear_pointer (&entry->url, g_free);
  g_clear_object (&entry->texture);
  g_free (entry);
}

MemoryEntry *
memory_lookup (ConveneAvatarCache *self,
               const char         *url)
{
  MemoryEntry *entry = g_hash_table_lookup (self->memory, url);

  if (entry != NULL)
    {
      g_queue_unlink (&self->lru, &entry->link);
      g_queue_push_head_link (&self->lru, &entry->link);
    }

  return entry;
}

void
memory_trim (ConveneAvatarCache *self)
{
  while (self->lru.length > self->memory_limit)
    {
      GList *oldest = g_queue_pop_tail_link (&self->lru);
      MemoryEntry *entry = oldest->data;

      g_hash_table_remove (self->memory, entry->url);
    }
}

void
memory_insert (ConveneAvatarCache *self,
               const char         *url,
               GdkTexture         *texture,
               gint64              checked,
               guint               max_age)
{
  MemoryEntry *entry = memory_lookup (self, url);

  if (entry == NULL)
    {
      entry = g_new0 (MemoryEntry, 1);
      entry->link.data = entry;
      entry->url = g_strdup (url);
      g_hash_table_insert (self->memory, entry->url, entry);
      g_queue_push_head_link (&self->lru, &entry->link);
    }

  g_set_object (&entry->texture, texture);
  entry->checked = checked;
  entry->max_age = max_age;

  memory_trim (self);
}

void
memory_clear (ConveneAvatarCache *self)
{
  g_hash_table_remove_all (self->memory);
  g_queue_init (&self->lru);
}

/* The memory cache first, then the disk; never the network. */
GdkTexture *
cached_texture (ConveneAvatarCache *self,
                const char         *url,
                gint64             *checked,
                guint              *max_age)
{
  MemoryEntry *entry;
  g_autofree char *key = NULL;
  GdkTexture *texture;

  entry = memory_lookup (self, url);
  if (entry != NULL)
    {
      *checked = entry->checked;
      *max_age = entry->max_age;
      return g_object_ref (entry->texture);
    }

  key = key_for_url (url);
  texture = read_disk_texture (self, key, checked, max_age);
  if (texture != NULL)
    memory_insert (self, url, texture, *checked, *max_age);

  return texture;
}

/* Helpers: failures */

void
failure_free (gpointer data)
{
  Failure *failure = data;

  g_clear_error (&failure->error);
  g_free (failure);
}

static const GError *
failure_lookup (ConveneAvatarCache *self,
                const char         *url)
{
  Failure *failure = g_hash_table_lookup (self->failures, url);

  if (failure == NULL)
    return NULL;

  if (g_get_monotonic_time () >= failure->until)
    {
      g_hash_table_remove (self->failures, url);
      return NULL;
    }

  return failure->error;
}

static void
failure_remember (ConveneAvatarCache *self,
                  const char         *url,
                  const GError       *error)
{
  Failure *failure;

  if (self->failure_retry_delay == 0)
    return;

  failure = g_new0 (Failure, 1);
  failure->error = g_error_copy (error);
  failure->until = g_get_monotonic_time () + (gint64)self->failure_retry_delay * G_USEC_PER_SEC;
  g_hash_table_insert (self->failures, g_strdup (url), failure);
}

/* Helpers: waiters */

static gboolean
waiter_cancelled_idle_cb (gpointer user_data);

static void
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  GTask *task = user_data;
  g_autoptr(GSource) source = NULL;

  /* This may run in another thread, and disconnecting from inside the
   * handler would deadlock: finish the work from the task's context. */
  source = g_idle_source_new ();
  g_source_set_callback (source, waiter_cancelled_idle_cb, g_object_ref (task), g_object_unref);
  g_source_set_static_name (source, "[convene] avatar load cancelled");
  g_source_attach (source, g_task_get_context (task));
}

static Waiter *
waiter_new (GTask *task)
{
  Waiter *waiter = g_new0 (Waiter, 1);
  GCancellable *cancellable = g_task_get_cancellable (task);

  waiter->task = g_object_ref (task);
  if (cancellable != NULL)
    waiter->cancelled_id = g_cancellable_connect (cancellable,
                                                  G_CALLBACK (waiter_cancelled_cb),
                                                  g_object_ref (task),
                                                  g_object_unref);

  return waiter;
}

static void
waiter_disconnect (Waiter *waiter)
{
  if (waiter->cancelled_id != 0)
    g_cancellable_disconnect (g_task_get_cancellable (waiter->task), waiter->cancelled_id);
  waiter->cancelled_id = 0;
}

static void
waiter_free (gpointer data)
{
  Waiter *waiter = data;

  waiter_disconnect (waiter);
  g_clear_object (&waiter->task);
  g_free (waiter);
}

/* Disconnects first: the callback may well cancel its cancellable. */
static void
waiter_return (Waiter       *waiter,
               GdkTexture   *texture,
               const GError *error)
{
  waiter_disconnect (waiter);

  if (texture != NULL)
    g_task_return_pointer (waiter->task, g_object_ref (texture), g_object_unref);
  else
    g_task_return_error (waiter->task, g_error_copy (error));
}

/* Helpers: requests */

static Request *
request_new (ConveneAvatarCache *self,
             const char         *url,
             GUri               *uri)
{
  Request *req = g_new0 (Request, 1);

  req->self = g_object_ref (self);
  req->url = g_strdup (url);
  req->key = key_for_url (url);
  req->uri = g_uri_ref (uri);
  req->waiters = g_ptr_array_new_with_free_func (waiter_free);

  g_hash_table_insert (self->requests, req->url, req);
  g_queue_push_tail (&self->queue, req);
  notify_n_pending (self);

  return req;
}

static void
request_free (Request *req)
{
  g_assert (req->waiters->len == 0);

  if (req->timeout_source != NULL)
    g_source_destroy (req->timeout_source);
  g_clear_pointer (&req->timeout_source, g_source_unref);
  g_clear_pointer (&req->waiters, g_ptr_array_unref);
  g_clear_object (&req->cancellable);
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->body, g_byte_array_unref);
  g_clear_pointer (&req->uri, g_uri_unref);
  g_clear_pointer (&req->url, g_free);
  g_clear_pointer (&req->key, g_free);
  g_clear_pointer (&req->etag, g_free);
  g_clear_pointer (&req->last_modified, g_free);
  g_clear_object (&req->self);
  g_free (req);
}

void
pump_queue (ConveneAvatarCache *self)
{
  while (self->n_in_flight < self->max_in_flight && self->queue.length > 0)
    request_start (g_queue_pop_head (&self->queue));
}

/* Hands the result to every caller waiting for this URL, forgets the
 * request, and lets the next one in the queue start. */
void
request_finish (Request      *req,
                GdkTexture   *texture,
                const GError *error)
{
  ConveneAvatarCache *self = req->self;
  g_autoptr(GPtrArray) waiters = NULL;

  g_assert (texture != NULL || error != NULL);

  g_hash_table_remove (self->requests, req->url);
  if (req->in_flight)
    self->n_in_flight--;
  else
    g_queue_remove (&self->queue, req);

  waiters = g_steal_pointer (&req->waiters);
  req->waiters = g_ptr_array_new ();

  /* The request is gone before any caller hears of it, so a caller that
   * loads again from its callback starts afresh. */
  g_object_ref (self);
  notify_n_pending (self);
  pump_queue (self);
  request_free (req);

  for (guint i = 0; i < waiters->len; i++)
    waiter_return (g_ptr_array_index (waiters, i), texture, error);

  g_clear_pointer (&waiters, g_ptr_array_unref);
  g_object_unref (self);
}

void
request_fail (Request *req,
              GError  *error)
{
  g_autoptr(GError) owned = error;

  /* Remembered so that the next loads neither hit the server again nor
   * revalidate: while it lasts, an image on disk keeps being used. */
  g_debug ("%s", error->message);
  failure_remember (req->self, req->url, error);
  request_finish (req, NULL, error);
}

static void
start_revalidation (ConveneAvatarCache *self,
                    const char         *url)
{
  g_autoptr(GUri) uri = parse_http_url (url, NULL);
  Request *req;

  g_assert (uri != NULL);

  req = request_new (self, url, uri);
  req->background = TRUE;
  pump_queue (self);
}

static gboolean
waiter_cancelled_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  ConveneAvatarCache *self = g_task_get_source_object (task);
  const char *url = g_task_get_task_data (task);
  Request *req = g_hash_table_lookup (self->requests, url);
  gboolean found = FALSE;

  if (req == NULL)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < req->waiters->len; i++)
    {
      Waiter *waiter = g_ptr_array_index (req->waiters, i);

      if (waiter->task == task)
        {
          g_ptr_array_remove_index (req->waiters, i);
          found = TRUE;
          break;
        }
    }

  if (!found)
    return G_SOURCE_REMOVE;

  g_task_return_error_if_cancelled (task);

  /* Nobody wants it any more and it has not started: drop it. A request
   * already on the wire finishes and fills the cache for next time. */
  if (req->waiters->len == 0 && !req->in_flight && !req->background)
    {
      g_hash_table_remove (self->requests, req->url);
      g_queue_remove (&self->queue, req);
      request_free (req);
      notify_n_pending (self);
    }

  return G_SOURCE_REMOVE;
}

static gboolean
needs_revalidation (ConveneAvatarCache *self,
                    const char         *url,
                    gint64              checked,
                    guint               max_age)
{
  /* A server may ask for a longer life than the setting, never a shorter
   * one: the setting is the user's. */
  if (checked + (gint64)MAX (self->freshness, max_age) > unix_now ())
    return FALSE;

  return !g_hash_table_contains (self->requests, url) && failure_lookup (self, url) == NULL;
}

/* Public API */

/**
 * convene_avatar_cache_load_async:
 * @self: a #ConveneAvatarCache
 * @url: an http or https URL of an image
 * @cancellable: (nullable): cancels this caller's interest
 * @callback: called with the result
 * @user_data: data for @callback
 *
 * Gets the avatar at @url. A cached image is returned at once (and
 * revalidated in the background when older than
 * #ConveneAvatarCache:freshness, see #ConveneAvatarCache::avatar-updated);
 * otherwise it is downloaded, decoded, scaled and stored. Callers asking
 * for the same URL share one request. Cancelling a load that waits in the
 * queue takes it out of the queue unless another caller still wants it.
 *
 * A URL that failed recently fails again at once, without a request, for
 * #ConveneAvatarCache:failure-retry-delay seconds.
 */
void
convene_avatar_cache_load_async (ConveneAvatarCache  *self,
                                 const char          *url,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GUri) uri = NULL;
  GError *error = NULL;
  const GError *failure;
  Request *req;
  gint64 checked;
  guint max_age;

  g_return_if_fail (CONVENE_IS_AVATAR_CACHE (self));
  g_return_if_fail (url != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_avatar_cache_load_async);
  g_task_set_task_data (task, g_strdup (url), g_free);

  if (g_task_return_error_if_cancelled (task))
    return;

  uri = parse_http_url (url, &error);
  if (uri == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  texture = cached_texture (self, url, &checked, &max_age);
  if (texture != NULL)
    {
      if (needs_revalidation (self, url, checked, max_age))
        start_revalidation (self, url);

      g_task_return_pointer (task, g_steal_pointer (&texture), g_object_unref);
      return;
    }

  failure = failure_lookup (self, url);
  if (failure != NULL)
    {
      g_task_return_error (task, g_error_copy (failure));
      return;
    }

  req = g_hash_table_lookup (self->requests, url);
  if (req == NULL)
    req = request_new (self, url, uri);

  g_ptr_array_add (req->waiters, waiter_new (task));
  pump_queue (self);
}

/**
 * convene_avatar_cache_load_finish:
 * @self: a #ConveneAvatarCache
 * @result: the result passed to the callback
 * @error: return location for an error: %G_IO_ERROR_CANCELLED,
 *   %G_IO_ERROR_INVALID_ARGUMENT (not an http URL), %G_IO_ERROR_NOT_FOUND,
 *   %G_IO_ERROR_TIMED_OUT, %G_IO_ERROR_MESSAGE_TOO_LARGE,
 *   %G_IO_ERROR_INVALID_DATA (not an image, or one wider or higher than
 *   %CONVENE_AVATAR_CACHE_MAX_SOURCE_SIDE), %G_IO_ERROR_PARTIAL_INPUT (the
 *   body or the image ends early), %G_IO_ERROR_TOO_MANY_LINKS
 *   (redirect loop), %G_IO_ERROR_FAILED (another HTTP status) or a network
 *   error
 *
 * Returns: (transfer full): the avatar, a square of at most
 *   #ConveneAvatarCache:image-size pixels, or %NULL with @error set
 */
GdkTexture *
convene_avatar_cache_load_finish (ConveneAvatarCache  *self,
                                  GAsyncResult        *result,
                                  GError             **error)
{
  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == convene_avatar_cache_load_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * convene_avatar_cache_lookup:
 * @self: a #ConveneAvatarCache
 * @url: an avatar URL
 *
 * Looks @url up in the memory cache, then on disk (a small PNG, quick to
 * decode), never on the network and without revalidating: for showing an
 * avatar at once. Call convene_avatar_cache_load_async() as well to keep
 * it fresh.
 *
 * Returns: (transfer full) (nullable): the cached avatar, or %NULL
 */
GdkTexture *
convene_avatar_cache_lookup (ConveneAvatarCache *self,
                             const char         *url)
{
  gint64 checked;
  guint max_age;

  g_return_val_if_fail (CONVENE_IS_AVATAR_CACHE (self), NULL);
  g_return_val_if_fail (url != NULL, NULL);

  return cached_texture (self, url, &checked, &max_age);
}

