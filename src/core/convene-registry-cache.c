/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-registry-cache"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <xxhash.h>

#include "convene-registry-cache.h"

#include "convene-bounded-read.h"
#include "convene-registry-cache-private.h"

/* A binary cache of registries that loaded once, as GTK's icon cache and
 * dconf's gvdb keep theirs: parsing and checking a 15 MB registry costs
 * most of a second, mapping its cache entry a few milliseconds.
 *
 * An entry is one GVariant of ENTRY_TYPE in <cache dir>/<SHA-256 of the
 * absolute source path>.gvariant: a header that says which source bytes
 * it stands for (size, modification time, XXH3 of the contents, and the
 * languages the warnings were translated into) and the checksum of the
 * body, then the body (convene-registry-cache-format.c) as a variant, so
 * its type string is checked too. Nothing in it is trusted: any mismatch,
 * a short or damaged file, and the source is loaded again and the entry
 * rewritten. Writing goes to a temporary file renamed into place, so a
 * reader sees the old entry or the new one, never half of one.
 */

#define ENTRY_MAGIC "convene-registry-cache"
/* magic, version, source size, source mtime (µs), source XXH3, languages,
 * body XXH3, body */
#define ENTRY_TYPE "(sutxtstv)"

/* The largest entry mapped for a source of @size bytes. An entry holds
 * the source's texts with GVariant framing (half to 1.6 times the size of
 * the registries of test-registry-cache) and at most 1000 warnings;
 * anything larger is not an entry the writer made and is not mapped.
 */
#define ENTRY_MAX_SIZE(size) (4 * (gsize)(size) + 4 * 1024 * 1024)

typedef struct
{
  guint64 size;
  gint64 mtime;
  guint64 hash;
  const char *languages;
} SourceKey;

/* Helpers */

/* The warnings in an entry were translated when it was written. */
static char *
dup_languages (void)
{
  return g_strjoinv (":", (char **)g_get_language_names ());
}

static char *
dup_absolute_path (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return g_file_get_path (file);
}

/**
 * convene_registry_cache_entry_path:
 * @path: a registry file
 * @cache_dir: the cache directory
 *
 * Returns: (transfer full): where the cache entry of @path lives
 */
char *
convene_registry_cache_entry_path (const char *path,
                                   const char *cache_dir)
{
  g_autofree char *absolute = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cache_dir != NULL, NULL);

  absolute = dup_absolute_path (path);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  name = g_strconcat (digest, ".gvariant", NULL);
  return g_build_filename (cache_dir, name, NULL);
}

/* Reads the entry at @entry_path if it holds a valid entry for @key. */
static ConveneRegistry *
read_entry (const char      *entry_path,
            const SourceKey *key,
            const char      *path,
            GPtrArray      **issues)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GMappedFile) mapped = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GVariant) entry = NULL;
  g_autoptr(GVariant) container = NULL;
  g_autoptr(GVariant) body = NULL;
  ConveneRegistry *registry;
  const char *magic, *languages;
  guint32 version;
  guint64 size, hash, checksum;
  gint64 mtime;

  /* A FIFO or a device would block or grow without end: not an entry */
  mapped = convene_map_file_bounded (entry_path, ENTRY_MAX_SIZE (key->size), &error);
  if (mapped == NULL)
    {
      g_debug ("No cache entry for %s: %s", path, error->message);
      return NULL;
    }

  bytes = g_mapped_file_get_bytes (mapped);
  entry = g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (ENTRY_TYPE), bytes, FALSE));

  /* Broken framing reads as zeroes and empty strings, which match nothing. */
  g_variant_get (entry, "(&sutxt&st@v)", &magic, &version, &size, &mtime, &hash, &languages,
                 &checksum, &container);

  if (strcmp (magic, ENTRY_MAGIC) != 0 || version != CONVENE_REGISTRY_CACHE_VERSION)
    {
      g_debug ("Cache entry %s: not a cache entry of version %d", entry_path,
               CONVENE_REGISTRY_CACHE_VERSION);
      return NULL;
    }

  if (size != key->size || mtime != key->mtime || hash != key->hash ||
      strcmp (languages, key->languages) != 0)
    {
      g_debug ("Cache entry %s is for other contents of %s", entry_path, path);
      return NULL;
    }

  if (XXH3_64bits (g_variant_get_data (container), g_variant_get_size (container)) != checksum)
    {
      g_debug ("Cache entry %s is damaged", entry_path);
      return NULL;
    }

  body = g_variant_get_variant (container);
  if (!g_variant_is_of_type (body, G_VARIANT_TYPE (CONVENE_CACHE_BODY)))
    {
      g_debug ("Cache entry %s has a body of type %s", entry_path,
               g_variant_get_type_string (body));
      return NULL;
    }

  registry = convene_registry_cache_body_load (body, path, issues, &error);
  if (registry == NULL)
    g_debug ("Cache entry %s is inconsistent: %s", entry_path, error->message);

  return registry;
}

static gboolean
write_all (int            fd,
           const guint8  *data,
           gsize          size,
           GError       **error)
{
  while (size > 0)
    {
      gssize n = write (fd, data, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved_errno = errno;

          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                               g_strerror (saved_errno));
          return FALSE;
        }
      data += n;
      size -= n;
    }

  return TRUE;
}

/* Writes @data to @entry_path through a temporary file renamed over it. */
static gboolean
replace_file (const char  *entry_path,
              GBytes      *data,
              GError     **error)
{
  g_autofree char *dir = g_path_get_dirname (entry_path);
  g_autofree char *name = g_path_get_basename (entry_path);
  g_autofree char *template = NULL;
  g_autofree char *tmp_name = NULL;
  int fd;
  gboolean ok;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  tmp_name = g_strdup_printf (".%s.tmp-XXXXXX", name);
  template = g_build_filename (dir, tmp_name, NULL);
  fd = g_mkstemp_full (template, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot create a file in %s: %s", dir, g_strerror (saved_errno));
      return FALSE;
    }

  ok = write_all (fd, g_bytes_get_data (data, NULL), g_bytes_get_size (data), error);
  if (close (fd) != 0 && ok)
    {
      int saved_errno = errno;

      g_set_error_literal (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                           g_strerror (saved_errno));
      ok = FALSE;
    }

  if (ok && g_rename (template, entry_path) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "Cannot rename %s: %s", template, g_strerror (saved_errno));
      ok = FALSE;
    }

  if (!ok)
    g_unlink (template);

  return ok;
}

static gboolean
write_entry (const char       *entry_path,
             const SourceKey  *key,
             ConveneRegistry  *registry,
             GPtrArray        *issues,
             const char       *path,
             GError          **error)
{
  g_autoptr(GVariant) body = NULL;
  g_autoptr(GVariant) container = NULL;
  g_autoptr(GVariant) entry = NULL;
  g_autoptr(GBytes) data = NULL;
  guint64 checksum;

  body = convene_registry_cache_body_new (registry, issues, path, error);
  if (body == NULL)
    return FALSE;

  /* A child serializes to the same bytes alone as inside the entry, so
   * this is the checksum of what the reader will find there.
   */
  container = g_variant_ref_sink (g_variant_new_variant (body));
  checksum = XXH3_64bits (g_variant_get_data (container), g_variant_get_size (container));

  entry = g_variant_ref_sink (g_variant_new (ENTRY_TYPE, ENTRY_MAGIC,
                                             (guint32)CONVENE_REGISTRY_CACHE_VERSION,
                                             key->size, key->mtime, key->hash, key->languages,
                                             checksum, body));
  data = g_variant_get_data_as_bytes (entry);

  return replace_file (entry_path, data, error);
}

/* Public API */

/**
 * convene_registry_cache_default_dir:
 *
 * Returns: (transfer full): where Convene keeps its registry cache
 */
char *
convene_registry_cache_default_dir (void)
{
  return g_build_filename (g_get_user_cache_dir (), APP_ID, "registries", NULL);
}

/**
 * convene_registry_cache_load_file:
 * @path: a registry file
 * @cache_dir: the cache directory, see convene_registry_cache_default_dir()
 * @cancellable: (nullable): a #GCancellable
 * @from_cache: (out) (optional): set to whether the registry came from the cache
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   every problem found
 * @error: return location for a #GError
 *
 * Loads @path from its entry in @cache_dir when that holds a valid entry
 * for exactly these contents of @path, and otherwise like
 * convene_registry_load_from_file(), then writes the entry. Issues and
 * errors are those of convene_registry_load_from_file(); failing to write
 * the cache is not an error. Blocks: call it from a worker thread.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error set
 */
ConveneRegistry *
convene_registry_cache_load_file (const char    *path,
                                  const char    *cache_dir,
                                  GCancellable  *cancellable,
                                  gboolean      *from_cache,
                                  GPtrArray    **issues,
                                  GError       **error)
{
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(GPtrArray) load_issues = NULL;
  g_autofree char *entry_path = NULL;
  g_autofree char *languages = NULL;
  g_autoptr(GBytes) contents = NULL;
  SourceKey key = { 0 };
  GStatBuf st;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (cache_dir != NULL, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (from_cache != NULL)
    *from_cache = FALSE;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto cancelled;

  /* Anything unusual (missing, not a file, too large, unreadable) is the
   * loader's to report, in its words.
   */
  if (g_stat (path, &st) != 0 || !S_ISREG (st.st_mode) ||
      st.st_size > CONVENE_REGISTRY_MAX_SIZE)
    return convene_registry_load_from_file (path, issues, error);

  /* Bounded even so: the file can grow or be replaced after the stat */
  contents = convene_read_file_bounded (path, CONVENE_REGISTRY_MAX_SIZE, cancellable, NULL,
                                        &local_error);
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      goto cancelled;
    }
  if (contents == NULL || g_bytes_get_size (contents) != (gsize)st.st_size)
    return convene_registry_load_from_file (path, issues, error);

  languages = dup_languages ();
  key.size = st.st_size;
  key.mtime = (gint64)st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
  key.hash = XXH3_64bits (g_bytes_get_data (contents, NULL), g_bytes_get_size (contents));
  key.languages = languages;
  entry_path = convene_registry_cache_entry_path (path, cache_dir);

  registry = read_entry (entry_path, &key, path, issues);
  if (registry != NULL)
    {
      if (from_cache != NULL)
        *from_cache = TRUE;
      return g_steal_pointer (&registry);
    }

  /* The bytes hashed are the bytes loaded, so the entry cannot describe
   * contents other than its key says.
   */
  registry = convene_registry_load_from_bytes (contents, path, &load_issues, error);
  if (registry != NULL &&
      !write_entry (entry_path, &key, registry, load_issues, path, &local_error))
    g_debug ("Not caching %s: %s", path, local_error->message);

  if (issues != NULL)
    *issues = g_steal_pointer (&load_issues);

  return g_steal_pointer (&registry);

cancelled:
  if (issues != NULL)
    *issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
  return NULL;
}
