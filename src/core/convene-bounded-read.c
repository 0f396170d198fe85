/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-bounded-read"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-bounded-read.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

/* The one way Convene reads a file it is given: a registry, a working
 * groups file. Whatever the file is, the read ends:
 *
 *  - at @max_size + 1 bytes: /dev/zero or a FIFO fed forever would
 *    otherwise fill the memory (a regular file's size is checked before
 *    anything is read);
 *  - after a timeout, for anything that is not a regular file: a FIFO
 *    without a writer or a terminal would otherwise block forever. Such
 *    files are opened with O_NONBLOCK (opening a FIFO blocks until a
 *    writer comes) and each read waits in poll() for the time left.
 *
 * The timeout is CONVENE_READ_TIMEOUT_MS (10 s) or, for the tests, the
 * milliseconds in the environment variable of the same name.
 */

#define READ_CHUNK (64 * 1024)

static guint
read_timeout_ms (void)
{
  const char *env = g_getenv ("CONVENE_READ_TIMEOUT_MS");
  guint64 value;

  if (env != NULL && g_ascii_string_to_unsigned (env, 10, 1, G_MAXINT, &value, NULL))
    return value;

  return CONVENE_READ_TIMEOUT_MS;
}

static void
set_errno_error (GError     **error,
                 int          saved_errno,
                 gboolean     opening,
                 const char  *name)
{
  g_autofree char *message = NULL;

  if (opening)
    /* Translators: a file name */
    message = g_strdup_printf (_("Could not open %s"), name);
  else
    /* Translators: a file name */
    message = g_strdup_printf (_("Could not read %s"), name);

  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "%s: %s", message, g_strerror (saved_errno));
}

static void
set_too_large_error (GError     **error,
                     const char  *name,
                     gsize        max_size)
{
  if (max_size % (1024 * 1024) == 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   /* Translators: a file name, then a number of mebibytes */
                   _("%s is larger than %u MiB"), name, (guint)(max_size / (1024 * 1024)));
    }
  else
    {
      g_autofree char *limit = g_format_size_full (max_size, G_FORMAT_SIZE_IEC_UNITS);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   /* Translators: a file name, then a size such as "1.5 MiB" */
                   _("%s is larger than %s"), name, limit);
    }
}

static void
set_timeout_error (GError     **error,
                   const char  *name,
                   guint        timeout_ms)
{
  char seconds[32];

  if (timeout_ms % 1000 == 0)
    g_snprintf (seconds, sizeof seconds, "%u", timeout_ms / 1000);
  else
    g_snprintf (seconds, sizeof seconds, "%u.%03u", timeout_ms / 1000, timeout_ms % 1000);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
               /* Translators: a file name, then a number of seconds */
               _("Timed out reading %s after %s s"), name, seconds);
}

/* Waits until @fd can be read, @cancellable is cancelled or @deadline
 * (monotonic time) passes.
 */
static gboolean
wait_readable (int            fd,
               gint64         deadline,
               GCancellable  *cancellable,
               const char    *name,
               guint          timeout_ms,
               GError       **error)
{
  for (;;)
    {
      GPollFD fds[2] = { { fd, G_IO_IN | G_IO_HUP | G_IO_ERR, 0 } };
      guint n_fds = 1;
      gint64 left = deadline - g_get_monotonic_time ();
      int ready;

      if (left <= 0)
        {
          set_timeout_error (error, name, timeout_ms);
          return FALSE;
        }

      if (cancellable != NULL && g_cancellable_make_pollfd (cancellable, &fds[1]))
        n_fds = 2;

      /* Round up, or the last wait spins with a timeout of 0 */
      ready = g_poll (fds, n_fds, (left + 999) / 1000);
      if (n_fds == 2)
        g_cancellable_release_fd (cancellable);

      if (ready < 0 && errno != EINTR)
        {
          set_errno_error (error, errno, FALSE, name);
          return FALSE;
        }

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;

      if (ready > 0 && fds[0].revents != 0)
        return TRUE;
    }
}

/**
 * convene_read_file_bounded:
 * @path: the file to read
 * @max_size: the most bytes the file may hold
 * @cancellable: (nullable): a #GCancellable
 * @file_size: (out) (optional): the size of @path when it is a regular
 *   file, else -1; set when the file could be opened
 * @error: return location for a #GError
 *
 * Reads all of @path, whatever kind of file it is, within bounds (see the
 * top of convene-bounded-read.c).
 *
 * Returns: (transfer full) (nullable): the contents, or %NULL with @error
 *   set in the #G_IO_ERROR domain, the message naming @path:
 *   %G_IO_ERROR_MESSAGE_TOO_LARGE when it holds more than @max_size bytes,
 *   %G_IO_ERROR_TIMED_OUT when it did not end within the timeout,
 *   %G_IO_ERROR_CANCELLED, or the error of the system call
 */
GBytes *
convene_read_file_bounded (const char    *path,
                           gsize          max_size,
                           GCancellable  *cancellable,
                           goffset       *file_size,
                           GError       **error)
{
  g_autofree char *name = NULL;
  g_autoptr(GByteArray) buffer = NULL;
  gboolean regular;
  gint64 deadline = 0;
  guint timeout_ms = 0;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (max_size < G_MAXSIZE, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (file_size != NULL)
    *file_size = -1;

  name = g_filename_display_name (path);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, TRUE, name);
      return NULL;
    }

  if (fstat (fd, &st) < 0)
    {
      set_errno_error (error, errno, FALSE, name);
      goto fail;
    }

  if (S_ISDIR (st.st_mode))
    {
      set_errno_error (error, EISDIR, FALSE, name);
      goto fail;
    }

  regular = S_ISREG (st.st_mode);
  if (regular)
    {
      if (file_size != NULL)
        *file_size = st.st_size;

      if ((guint64)st.st_size > max_size)
        {
          set_too_large_error (error, name, max_size);
          goto fail;
        }

      /* The size can be wrong (a file still growing, /proc): one byte more
       * than it tells whether it was.
       */
      buffer = g_byte_array_sized_new (st.st_size + 1);
    }
  else
    {
      timeout_ms = read_timeout_ms ();
      deadline = g_get_monotonic_time () + (gint64)timeout_ms * 1000;
      buffer = g_byte_array_sized_new (READ_CHUNK);
    }

  for (;;)
    {
      gsize old_len = buffer->len;
      gsize want = MIN (READ_CHUNK, max_size + 1 - old_len);
      gssize n_read;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;

      /* A FIFO without a writer reads as its end: wait for one first */
      if (!regular && !wait_readable (fd, deadline, cancellable, name, timeout_ms, error))
        goto fail;

      g_byte_array_set_size (buffer, old_len + want);
      n_read = read (fd, buffer->data + old_len, want);
      g_byte_array_set_size (buffer, old_len + MAX (n_read, 0));

      if (n_read < 0)
        {
          if (errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK)
            continue;
          set_errno_error (error, errno, FALSE, name);
          goto fail;
        }

      if (n_read == 0)
        break;

      if (buffer->len > max_size)
        {
          set_too_large_error (error, name, max_size);
          goto fail;
        }
    }

  close (fd);
  return g_byte_array_free_to_bytes (g_steal_pointer (&buffer));

fail:
  close (fd);
  return NULL;
}

/**
 * convene_map_file_bounded:
 * @path: a regular file
 * @max_size: the most bytes it may hold
 * @error: return location for a #GError
 *
 * Maps @path read-only, as g_mapped_file_new() does, but only when it is a
 * regular file of at most @max_size bytes: g_mapped_file_new() would block
 * forever opening a FIFO without a writer, and map a file of any size.
 * Nothing is read before the checks.
 *
 * Returns: (transfer full) (nullable): the mapping, or %NULL with @error
 *   set in the #G_IO_ERROR domain: %G_IO_ERROR_NOT_REGULAR_FILE,
 *   %G_IO_ERROR_MESSAGE_TOO_LARGE, or the error of the system call
 */
GMappedFile *
convene_map_file_bounded (const char  *path,
                          gsize        max_size,
                          GError     **error)
{
  g_autofree char *name = NULL;
  GMappedFile *mapped = NULL;
  GStatBuf st;
  int fd;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  name = g_filename_display_name (path);

  fd = g_open (path, O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC, 0);
  if (fd < 0)
    {
      set_errno_error (error, errno, TRUE, name);
      return NULL;
    }

  if (fstat (fd, &st) < 0)
    set_errno_error (error, errno, FALSE, name);
  else if (!S_ISREG (st.st_mode))
    /* Translators: a file name */
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, _("%s is not a regular file"),
                 name);
  else if ((guint64)st.st_size > max_size)
    set_too_large_error (error, name, max_size);
  else
    /* The descriptor is the file checked, whatever is renamed over @path */
    mapped = g_mapped_file_new_from_fd (fd, FALSE, error);

  close (fd);
  return mapped;
}
