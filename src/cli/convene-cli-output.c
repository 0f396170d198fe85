/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-cli-output.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

/* Where the tools write with --output, and what they refuse.
 *
 * "-" is standard output. Any other FILE is written to a temporary file
 * in the same directory, ".FILE.convene-PID-XXXXXX", which is synced and
 * renamed over FILE, so FILE holds the old or the new contents, never a
 * part. Refused, with FILE untouched:
 *
 *  - FILE is one of the inputs (the same device and inode, also through
 *    a symbolic link or a hard link): the input would be gone;
 *  - FILE is a symbolic link, even to a regular file: the rename would
 *    replace the link, not the file it points to, which is never what
 *    was meant, so the user is asked for the target's own path;
 *  - FILE exists and is not a regular file (a device, a FIFO, a
 *    directory, a socket): the rename would replace the node itself.
 *
 * An existing FILE keeps its mode (and, where we may, its owner); a new
 * one gets 0666 less the umask, as a shell redirection would.
 *
 * A tool killed mid-write leaves its temporary behind. The next write of
 * the same FILE removes every ".FILE.convene-*" in that directory that
 * is a regular file of ours and whose PID is not a running process (or
 * that has no PID in its name): a temporary of a write still running is
 * left alone.
 */

/* Keeps the temporary's name within NAME_MAX (255) whatever FILE's. */
#define MAX_BASE_IN_TEMP 200

static char *
temp_prefix (const char *base)
{
  g_autofree char *cut = NULL;
  const char *end;

  g_assert (base != NULL);

  /* Cut at a character boundary so the name stays valid UTF-8 when it was */
  end = base + strlen (base);
  if (end - base > MAX_BASE_IN_TEMP)
    {
      end = base + MAX_BASE_IN_TEMP;
      while (end > base && ((guchar)*end & 0xC0) == 0x80)
        end--;
    }
  cut = g_strndup (base, end - base);

  return g_strdup_printf (".%s.convene-", cut);
}

/* Whether the temporary @name (after its prefix) belongs to a process
 * that is gone.
 */
static gboolean
temp_is_stale (const char *pid_part)
{
  char *end = NULL;
  gint64 pid;

  g_assert (pid_part != NULL);

  pid = g_ascii_strtoll (pid_part, &end, 10);
  if (end == pid_part || *end != '-' || pid <= 0 || pid > G_MAXINT)
    return TRUE;

  /* Ours can only be a former process's with the same PID: none is open yet */
  if ((pid_t)pid == getpid ())
    return TRUE;

  return kill ((pid_t)pid, 0) < 0 && errno == ESRCH;
}

static void
remove_stale_temporaries (const char *dir,
                          const char *prefix)
{
  g_autoptr(GDir) listing = NULL;
  const char *name;

  g_assert (dir != NULL);
  g_assert (prefix != NULL);

  listing = g_dir_open (dir, 0, NULL);
  if (listing == NULL)
    return;

  while ((name = g_dir_read_name (listing)) != NULL)
    {
      g_autofree char *path = NULL;
      GStatBuf st;

      if (!g_str_has_prefix (name, prefix) || !temp_is_stale (name + strlen (prefix)))
        continue;

      path = g_build_filename (dir, name, NULL);
      if (g_lstat (path, &st) == 0 && S_ISREG (st.st_mode) && st.st_uid == getuid ())
        {
          if (g_unlink (path) == 0)
            g_debug ("Removed the stale temporary file %s", path);
        }
    }
}

static gboolean
write_all (int          fd,
           const char  *contents,
           gsize        length,
           int         *saved_errno)
{
  while (length > 0)
    {
      gssize n = write (fd, contents, MIN (length, (gsize)G_MAXSSIZE));

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          *saved_errno = errno;
          return FALSE;
        }

      contents += n;
      length -= n;
    }

  return TRUE;
}

static gboolean
write_stdout (const char  *contents,
              gsize        length,
              GError     **error)
{
  int saved_errno = 0;

  fflush (stdout);
  if (!write_all (STDOUT_FILENO, contents, length, &saved_errno))
    {
      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write to standard output: %s"), g_strerror (saved_errno));
      return FALSE;
    }

  return TRUE;
}

static gboolean
refuse (GError     **error,
        int          code,
        const char  *output,
        const char  *why)
{
  g_set_error (error, G_IO_ERROR, code,
               /* Translators: the first is a file name, the second one of the reasons below */
               _("Refusing to write to “%s”: %s"), output, why);
  return FALSE;
}

/* Checks @output against what must not be replaced. On success
 * @existing tells whether it exists, and @st is then what it is.
 */
static gboolean
check_target (const char          *output,
              const char * const  *inputs,
              gboolean            *existing,
              GStatBuf            *st,
              GError             **error)
{
  GStatBuf target;

  *existing = FALSE;

  /* Through a link too: "out" linked to the input is still the input */
  if (g_stat (output, &target) == 0)
    {
      for (guint i = 0; inputs != NULL && inputs[i] != NULL; i++)
        {
          GStatBuf input;

          if (g_stat (inputs[i], &input) == 0 &&
              input.st_dev == target.st_dev && input.st_ino == target.st_ino)
            return refuse (error, G_IO_ERROR_EXISTS, output,
                           _("it is the input file; write the output to another file"));
        }
    }

  if (g_lstat (output, st) != 0)
    {
      int saved_errno = errno;

      if (saved_errno == ENOENT)
        return TRUE;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   _("Could not write “%s”: %s"), output, g_strerror (saved_errno));
      return FALSE;
    }

  if (S_ISLNK (st->st_mode))
    return refuse (error, G_IO_ERROR_NOT_REGULAR_FILE, output,
                   _("it is a symbolic link; give the path of the file it points to"));

  if (!S_ISREG (st->st_mode))
    return refuse (error, G_IO_ERROR_NOT_REGULAR_FILE, output,
                   _("it exists and is not a regular file"));

  *existing = TRUE;
  return TRUE;
}

static mode_t
new_file_mode (void)
{
  /* The only way to read the umask is to set it; the tools are the only
   * thing running when they write.
   */
  mode_t mask = umask (022);

  umask (mask);
  return 0666 & ~mask;
}

/**
 * convene_cli_write_output:
 * @output: the file to write, or "-" for standard output
 * @contents: what to write
 * @length: the length of @contents
 * @inputs: (nullable) (array zero-terminated=1): the files the output was
 *   made from, which must not be overwritten
 * @error: return location for a #GError
 *
 * Writes @contents to @output as described at the top of this file.
 *
 * Returns: %TRUE on success; %FALSE with @error set, its message naming
 *   @output, and @output untouched
 */
gboolean
convene_cli_write_output (const char         *output,
                          const char         *contents,
                          gsize               length,
                          const char * const *inputs,
                          GError            **error)
{
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *temp = NULL;
  gboolean existing;
  GStatBuf st;
  mode_t mode;
  int saved_errno = 0;
  int fd;

  g_return_val_if_fail (output != NULL, FALSE);
  g_return_val_if_fail (contents != NULL || length == 0, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (strcmp (output, "-") == 0)
    return write_stdout (contents, length, error);

  if (!check_target (output, inputs, &existing, &st, error))
    return FALSE;

  mode = existing ? (st.st_mode & 07777) : new_file_mode ();

  dir = g_path_get_dirname (output);
  base = g_path_get_basename (output);
  prefix = temp_prefix (base);
  remove_stale_temporaries (dir, prefix);

  temp = g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%s%d-XXXXXX", dir, prefix, (int)getpid ());
  fd = g_mkstemp_full (temp, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      saved_errno = errno;
      goto fail;
    }

  if (!write_all (fd, contents, length, &saved_errno))
    goto fail_open;

  /* The owner first: a chown can clear the set-id bits of the mode */
  if (existing && (st.st_uid != getuid () || st.st_gid != getgid ()))
    {
      if (fchown (fd, st.st_uid, st.st_gid) < 0)
        g_debug ("Could not give %s its owner back: %s", output, g_strerror (errno));
    }

  if (fchmod (fd, mode) < 0 || fsync (fd) < 0)
    {
      saved_errno = errno;
      goto fail_open;
    }

  if (close (fd) < 0)
    {
      saved_errno = errno;
      fd = -1;
      goto fail_open;
    }
  fd = -1;

  if (g_rename (temp, output) < 0)
    {
      saved_errno = errno;
      goto fail_open;
    }

  return TRUE;

fail_open:
  if (fd >= 0)
    close (fd);
  g_unlink (temp);
fail:
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), output, g_strerror (saved_errno));
  return FALSE;
}
