/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-loader"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "convene-registry-loader.h"
#include "convene-bounded-read.h"
#include "convene-registry-loader-private.h"
#include "convene-json-scan-private.h"

/* Reading a registry file (format v1 or v2, docs/registry-format.md) into a
 * #ConveneRegistry, checking everything on the way and reporting every
 * problem with its place in the file.
 *
 * The bytes go through three gates before json-glib sees them: the size
 * limit, UTF-8 validation, and a strict scan of the JSON syntax that also
 * bounds the nesting (json-glib 1.6 parses recursively and overflows the
 * stack on deep input; it also accepts comments, single quotes and
 * trailing garbage, and gives no usable positions). json-glib then builds
 * the tree, the tree is checked against the format, and the same scanner
 * runs once more to find the line and column of each problem by its JSON
 * path, which json-glib does not keep.
 */

/* This file holds the entry points and the stages of a load; the scan
 * is in convene-json-scan.c, the member loaders in
 * convene-registry-loader-members.c, and reporting and locating issues
 * in convene-registry-loader-issues.c. All of them log in the
 * "convene-registry-loader" domain.
 */

/* What a load in a thread hands back: a task returns one value. */
typedef struct
{
  ConveneRegistry *registry;
  GPtrArray *issues;           /* of ConveneIssue */
  GError *error;
} LoadResult;

G_DEFINE_QUARK (convene-registry-error-quark, convene_registry_error)

static void
free_timezone (gpointer data)
{
  if (data != NULL)
    g_time_zone_unref (data);
}

static void
loader_init (Loader     *self,
             const char *filename)
{
  memset (self, 0, sizeof *self);
  self->filename = filename;
  self->issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
  self->locations = g_ptr_array_new_with_free_func (g_free);
  self->code = CONVENE_REGISTRY_ERROR_INVALID;
  self->group_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->person_paths = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->timezones = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, free_timezone);
}

/* Hands the issues out and turns the first error into @error. */
static ConveneRegistry *
loader_finish (Loader     *self,
               GPtrArray **issues,
               GError    **error)
{
  ConveneRegistry *registry = NULL;

  if (self->n_errors > 0)
    {
      for (guint i = 0; i < self->issues->len; i++)
        {
          const ConveneIssue *issue = g_ptr_array_index (self->issues, i);

          if (issue->severity == CONVENE_SEVERITY_ERROR)
            {
              g_autofree char *message = convene_issue_to_string (issue);

              g_set_error_literal (error, CONVENE_REGISTRY_ERROR, self->code, message);
              break;
            }
        }
      g_clear_object (&self->registry);
    }
  else
    registry = g_steal_pointer (&self->registry);

  if (issues != NULL)
    *issues = g_steal_pointer (&self->issues);

  g_clear_pointer (&self->issues, g_ptr_array_unref);
  g_clear_pointer (&self->locations, g_ptr_array_unref);
  g_clear_pointer (&self->group_paths, g_hash_table_unref);
  g_clear_pointer (&self->person_paths, g_hash_table_unref);
  g_clear_pointer (&self->timezones, g_hash_table_unref);
  g_clear_pointer (&self->references, g_ptr_array_unref);
  g_clear_object (&self->registry);

  return registry;
}

/* Checks what must hold before json-glib may see the text. Returns
 * %FALSE after reporting why not.
 */
static gboolean
check_text (Loader     *self,
            const char *text,
            gsize       length)
{
  const char *bad = NULL;
  gboolean blank = TRUE;
  ConveneJsonScanner s;
  gboolean ok;

  if (length == 0)
    {
      loader_report_at (self, CONVENE_REGISTRY_ERROR_INVALID, 0, 0, _("the file is empty"));
      return FALSE;
    }

  if (!g_utf8_validate (text, length, &bad))
    {
      guint line, column;

      convene_json_position_at (text, bad, &line, &column);
      loader_report_at (self, CONVENE_REGISTRY_ERROR_INVALID, line, column,
                        *bad == '\0' ? _("the file contains a NUL byte; it is not a text file")
                              : _("the file is not valid UTF-8 text"));
      return FALSE;
    }

  for (gsize i = 0; i < length && blank; i++)
    blank = text[i] == ' ' || text[i] == '\t' || text[i] == '\n' || text[i] == '\r';
  if (blank)
    {
      loader_report_at (self, CONVENE_REGISTRY_ERROR_INVALID, 0, 0, _("the file is empty"));
      return FALSE;
    }

  convene_json_scanner_init (&s, text, length, NULL);
  ok = convene_json_scanner_run (&s);
  if (!ok)
    {
      guint line, column;

      convene_json_position_at (text, s.error_at, &line, &column);
      loader_report_at (self, s.error_code, line, column, s.error_message);
    }
  convene_json_scanner_clear (&s);

  return ok;
}

/* Loading, with a way to stop */

static void
load_result_free (LoadResult *result)
{
  g_clear_object (&result->registry);
  g_clear_pointer (&result->issues, g_ptr_array_unref);
  g_clear_error (&result->error);
  g_free (result);
}

/* Drops what was found and sets @error when @cancellable was cancelled:
 * a load nobody waits for any more stops at the next of these checks.
 */
static gboolean
load_cancelled (Loader        *self,
                GCancellable  *cancellable,
                GError       **error)
{
  if (!g_cancellable_is_cancelled (cancellable))
    return FALSE;

  loader_finish (self, NULL, NULL);
  g_cancellable_set_error_if_cancelled (cancellable, error);
  return TRUE;
}

/* The loads behind the public functions: between its stages, a load
 * looks at @cancellable (which may be %NULL) and gives up with
 * %G_IO_ERROR_CANCELLED.
 */
static ConveneRegistry *
load_bytes (GBytes        *bytes,
            const char    *filename,
            GCancellable  *cancellable,
            GPtrArray    **issues,
            GError       **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) parse_error = NULL;
  const char *text;
  gsize length;
  Loader self;

  loader_init (&self, filename);
  text = g_bytes_get_data (bytes, &length);

  if (length > CONVENE_REGISTRY_MAX_SIZE)
    {
      loader_report_too_large (&self, length);
      return loader_finish (&self, issues, error);
    }

  /* A byte order mark is not part of the text; editors do not count it. */
  if (length >= 3 && memcmp (text, "\xEF\xBB\xBF", 3) == 0)
    {
      text += 3;
      length -= 3;
    }

  if (!check_text (&self, text, length))
    return loader_finish (&self, issues, error);

  if (load_cancelled (&self, cancellable, error))
    return NULL;

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, text, length, &parse_error))
    {
      guint line = 0, column = 0;
      const char *message = strstr (parse_error->message, "Parse error: ");

      /* The scan above is stricter than json-glib, so this is for the
       * unforeseen; json-glib's message reads "<data>:LINE:COL: ...".
       */
      if (sscanf (parse_error->message, "<data>:%u:%u:", &line, &column) != 2)
        line = column = 0;
      loader_report_at (&self, CONVENE_REGISTRY_ERROR_INVALID, line, column,
                        message != NULL ? message + strlen ("Parse error: ")
                                        : parse_error->message);
      return loader_finish (&self, issues, error);
    }

  if (load_cancelled (&self, cancellable, error))
    return NULL;

  loader_load_document (&self, json_parser_get_root (parser));

  if (load_cancelled (&self, cancellable, error))
    return NULL;

  if (self.issues->len > 0)
    loader_locate_issues (&self, text, length);

  return loader_finish (&self, issues, error);
}

static ConveneRegistry *
load_file (const char    *path,
           GCancellable  *cancellable,
           GPtrArray    **issues,
           GError       **error)
{
  g_autoptr(GError) read_error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  goffset size = -1;

  /* Bounded in size and, for a FIFO or a device, in time */
  bytes = convene_read_file_bounded (path, CONVENE_REGISTRY_MAX_SIZE, cancellable, &size,
                                     &read_error);
  if (bytes != NULL)
    return load_bytes (bytes, path, cancellable, issues, error);

  if (g_error_matches (read_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE))
    {
      Loader self;

      loader_init (&self, path);
      /* A regular file is refused by its size, before it is read */
      if (size > CONVENE_REGISTRY_MAX_SIZE)
        loader_report_too_large (&self, size);
      else
        loader_report_at (&self, CONVENE_REGISTRY_ERROR_TOO_LARGE, 0, 0, read_error->message);
      return loader_finish (&self, issues, error);
    }

  g_propagate_error (error, g_steal_pointer (&read_error));
  if (issues != NULL)
    *issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
  return NULL;
}

/* Runs in a worker thread: everything it touches is its own. */
static void
load_file_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  const char *path = task_data;
  LoadResult *result = g_new0 (LoadResult, 1);

  result->registry = load_file (path, cancellable, &result->issues, &result->error);

  /* An error and issues go together, and a task returns one value. */
  if (g_error_matches (result->error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&result->error));
      load_result_free (result);
      return;
    }

  g_task_return_pointer (task, result, (GDestroyNotify)load_result_free);
}

/* Public API */

/**
 * convene_registry_load_from_bytes:
 * @bytes: the contents of a registry file
 * @filename: (nullable): the name to report issues against
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   every problem found, errors and warnings, in the order of the checks
 * @error: return location for a #GError
 *
 * Reads a registry in the JSON format v1 or v2 (docs/registry-format.md)
 * and checks it. Each issue carries @filename, a line, a column and the JSON
 * path of the value it is about. Warnings alone do not stop the load.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error
 *   set, in the %CONVENE_REGISTRY_ERROR domain, to the first error
 */
ConveneRegistry *
convene_registry_load_from_bytes (GBytes      *bytes,
                                  const char  *filename,
                                  GPtrArray  **issues,
                                  GError     **error)
{
  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_bytes (bytes, filename, NULL, issues, error);
}

/**
 * convene_registry_load_from_file:
 * @path: the registry file
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   every problem found
 * @error: return location for a #GError
 *
 * Like convene_registry_load_from_bytes(), for a file. A file larger than
 * %CONVENE_REGISTRY_MAX_SIZE is refused before it is read; any other file
 * (a FIFO, a device) is read through convene_read_file_bounded(), which
 * stops one byte past the limit and gives up after its timeout. Errors
 * reading the file are reported in the #G_IO_ERROR domain, without issues.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error set
 */
ConveneRegistry *
convene_registry_load_from_file (const char  *path,
                                 GPtrArray  **issues,
                                 GError     **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_file (path, NULL, issues, error);
}

/**
 * convene_registry_load_from_file_async:
 * @path: the registry file
 * @cancellable: (nullable): a #GCancellable
 * @callback: called on the thread-default main context of the caller
 *   when the registry is loaded or failed to load
 * @user_data: data for @callback
 *
 * Loads a registry file like convene_registry_load_from_file(), in a
 * worker thread, so a large file does not hold up the caller's main
 * loop. Cancelling @cancellable completes the operation at once with
 * %G_IO_ERROR_CANCELLED; the thread stops at its next check.
 */
void
convene_registry_load_from_file_async (const char          *path,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, convene_registry_load_from_file_async);
  g_task_set_name (task, "[convene] load registry file");
  g_task_set_task_data (task, g_strdup (path), g_free);

  /* Cancelled already: GLib 2.74 then sets the task's error itself and
   * still runs the thread, whose own error replaces (and leaks) it.
   */
  if (g_task_return_error_if_cancelled (task))
    return;

  /* The loader keeps no state outside the thread, so an abandoned load
   * may finish on its own while the caller goes on.
   */
  g_task_set_return_on_cancel (task, TRUE);
  g_task_run_in_thread (task, load_file_thread);
}

/**
 * convene_registry_load_from_file_finish:
 * @result: the #GAsyncResult passed to the callback
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   every problem found; left %NULL when the load was cancelled
 * @error: return location for a #GError
 *
 * Finishes convene_registry_load_from_file_async(). The registry, the
 * issues and the error are those convene_registry_load_from_file()
 * would have given, or %G_IO_ERROR_CANCELLED.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error set
 */
ConveneRegistry *
convene_registry_load_from_file_finish (GAsyncResult  *result,
                                        GPtrArray    **issues,
                                        GError       **error)
{
  LoadResult *load;
  ConveneRegistry *registry;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        convene_registry_load_from_file_async, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  load = g_task_propagate_pointer (G_TASK (result), error);
  if (load == NULL)
    return NULL;

  if (issues != NULL)
    *issues = g_steal_pointer (&load->issues);
  if (load->error != NULL)
    g_propagate_error (error, g_steal_pointer (&load->error));
  registry = g_steal_pointer (&load->registry);

  load_result_free (load);

  return registry;
}
