/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib.h>
#include <glib/gstdio.h>
#include <xxhash.h>

#include "convene-registry-cache.h"
#include "convene-registry-private.h"
#include "convene-registry-writer.h"
#include "test-utils.h"

/* Tests of the binary registry cache: real files in a temporary
 * directory, real GVariant entries. A cached load must give the same
 * registry as the loader, byte for byte through the writer; any change to
 * the source and any damage to the entry must send the load back to the
 * source; and a cached registry makes its objects only when asked.
 */

/* The layout of an entry as convene-registry-cache.c writes it. */
#define ENTRY_TYPE "(sutxtstv)"

typedef struct
{
  char *dir;
  char *cache_dir;
} Fixture;

/* Helpers */

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  fixture->dir = g_dir_make_tmp ("convene-cache-XXXXXX", &error);
  g_assert_no_error (error);
  fixture->cache_dir = g_build_filename (fixture->dir, "cache", NULL);
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  test_remove_tree (fixture->dir);
  g_free (fixture->dir);
  g_free (fixture->cache_dir);
}

static char *
copy_to (const char *dir,
         const char *source,
         const char *name)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  char *path = g_build_filename (dir, name, NULL);
  gsize length;

  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static char *
fixture_file (const char *name)
{
  if (g_str_equal (name, "istio.json"))
    return g_build_filename (g_getenv ("CONVENE_SOURCE_DIR"), "data", "registry", name, NULL);

  return g_test_build_filename (G_TEST_DIST, "data", "registry", name, NULL);
}

static ConveneRegistry *
load (Fixture     *fixture,
      const char  *path,
      gboolean     expect_cached,
      GPtrArray  **issues)
{
  g_autoptr(GError) error = NULL;
  ConveneRegistry *registry;
  gboolean from_cache = !expect_cached;

  registry = convene_registry_cache_load_file (path, fixture->cache_dir, NULL, &from_cache,
                                               issues, &error);
  g_assert_no_error (error);
  g_assert_nonnull (registry);
  g_assert_cmpint (from_cache, ==, expect_cached);
  return registry;
}

static char *
to_json (ConveneRegistry *registry)
{
  return convene_registry_to_json (registry);
}

static char *
entry_path (Fixture    *fixture,
            const char *path)
{
  return convene_registry_cache_entry_path (path, fixture->cache_dir);
}

static void
assert_same_issues (GPtrArray *a,
                    GPtrArray *b)
{
  g_assert_nonnull (a);
  g_assert_nonnull (b);
  g_assert_cmpuint (a->len, ==, b->len);

  for (guint i = 0; i < a->len; i++)
    {
      g_autofree char *sa = convene_issue_to_string (g_ptr_array_index (a, i));
      g_autofree char *sb = convene_issue_to_string (g_ptr_array_index (b, i));

      g_assert_cmpstr (sa, ==, sb);
    }
}

/* A registry of @n_groups groups, each led by @n_leads people of a pool of
 * @n_groups × @n_leads, with Unicode names, links and a meeting.
 */
static char *
generate_registry (guint n_groups,
                   guint n_leads)
{
  guint n_people = MAX (1, n_groups * n_leads);
  GString *out = g_string_new ("{\n  \"format_version\": 1,\n"
                               "  \"community\": { \"name\": \"Généré\" },\n"
                               "  \"people\": [\n");

  for (guint i = 0; i < n_people; i++)
    g_string_append_printf (out, "    %s{ \"id\": \"p%u\", \"name\": \"Zoë Ångström %u\", "
                            "\"github\": \"p%u\" }\n", i > 0 ? "," : "", i, i, i);
  g_string_append (out, "  ],\n  \"groups\": [\n");

  for (guint i = 0; i < n_groups; i++)
    {
      g_string_append_printf (out, "    %s{ \"id\": \"g%u\", \"name\": \"Grüppe %u\", "
                              "\"topics\": [ \"Tópico %u\" ],\n"
                              "      \"artifacts\": [ { \"kind\": \"forum\", \"label\": \"L%u\", "
                              "\"url\": \"https://example.org/g%u\" } ],\n"
                              "      \"meetings\": [ { \"text\": \"Mondays at 10:00 UTC\", "
                              "\"weekday\": \"monday\", \"start\": \"10:00\", "
                              "\"timezone\": \"UTC\" } ],\n"
                              "      \"leads\": [",
                              i > 0 ? "," : "", i, i, i, i, i);
      for (guint j = 0; j < n_leads; j++)
        g_string_append_printf (out, "%s { \"person\": \"p%u\", \"role\": \"chair\" }",
                                j > 0 ? "," : "", (i * n_leads + j) % n_people);
      g_string_append (out, " ] }\n");
    }
  g_string_append (out, "  ]\n}\n");

  return g_string_free (out, FALSE);
}

static char *
write_generated (Fixture *fixture,
                 guint    n_groups,
                 guint    n_leads)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = generate_registry (n_groups, n_leads);
  char *path = g_build_filename (fixture->dir, "generated.json", NULL);

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Replaces the entry of @path by @entry. */
static void
replace_entry (Fixture    *fixture,
               const char *path,
               GVariant   *entry)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *entry_file = entry_path (fixture, path);

  g_file_set_contents (entry_file, g_variant_get_data (entry), g_variant_get_size (entry),
                       &error);
  g_assert_no_error (error);
}

static GVariant *
read_entry (Fixture    *fixture,
            const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *entry_file = entry_path (fixture, path);
  g_autofree char *contents = NULL;
  g_autoptr(GBytes) bytes = NULL;
  gsize length;

  g_file_get_contents (entry_file, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (g_steal_pointer (&contents), length);
  return g_variant_ref_sink (g_variant_new_from_bytes (G_VARIANT_TYPE (ENTRY_TYPE), bytes, FALSE));
}

/* Tests */

/* Every field comes back: the JSON written from a cached load is the JSON
 * written from the source.
 */
static void
test_round_trip (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *names[] = { "full.json", "istio.json", "warnings.json", "unknown-fields.json" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *source = fixture_file (names[i]);
      g_autofree char *path = copy_to (fixture->dir, source, names[i]);
      g_autoptr(ConveneRegistry) plain = NULL;
      g_autoptr(ConveneRegistry) first = NULL;
      g_autoptr(ConveneRegistry) second = NULL;
      g_autoptr(GPtrArray) plain_issues = NULL;
      g_autoptr(GPtrArray) first_issues = NULL;
      g_autoptr(GPtrArray) second_issues = NULL;
      g_autoptr(GError) error = NULL;
      g_autofree char *plain_json = NULL;
      g_autofree char *first_json = NULL;
      g_autofree char *second_json = NULL;

      plain = convene_registry_load_from_file (path, &plain_issues, &error);
      g_assert_no_error (error);
      first = load (fixture, path, FALSE, &first_issues);
      second = load (fixture, path, TRUE, &second_issues);

      plain_json = to_json (plain);
      first_json = to_json (first);
      second_json = to_json (second);
      g_assert_cmpstr (first_json, ==, plain_json);
      g_assert_cmpstr (second_json, ==, plain_json);
      g_assert_cmpstr (convene_registry_get_source_location (second), ==,
                       convene_registry_get_source_location (plain));
      assert_same_issues (first_issues, plain_issues);
      assert_same_issues (second_issues, plain_issues);
    }
}

static void
test_source_changed (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autofree char *source = fixture_file ("full.json");
  g_autofree char *path = copy_to (fixture->dir, source, "full.json");
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  struct timespec times[2];
  GStatBuf st;
  char *found;

  g_clear_object (&registry);
  registry = load (fixture, path, FALSE, NULL);
  g_clear_object (&registry);
  registry = load (fixture, path, TRUE, NULL);
  g_clear_object (&registry);

  /* Same size, same modification time, other bytes: only the hash sees it. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  found = strstr (contents, "\"Steering\"");
  g_assert_nonnull (found);
  memcpy (found, "\"Stearing\"", strlen ("\"Stearing\""));
  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);

  registry = load (fixture, path, FALSE, NULL);
  g_assert_cmpstr (convene_group_get_name (convene_registry_lookup_group (registry, "steering")),
                   ==, "Stearing");
  g_clear_object (&registry);
  registry = load (fixture, path, TRUE, NULL);
  g_assert_cmpstr (convene_group_get_name (convene_registry_lookup_group (registry, "steering")),
                   ==, "Stearing");
  g_clear_object (&registry);

  /* Other size. */
  g_clear_pointer (&contents, g_free);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  found = strstr (contents, "\"Stearing\"");
  g_assert_nonnull (found);
  {
    g_autofree char *longer = g_strdup_printf ("%.*s\"Steering group\"%s", (int)(found - contents),
                                               contents, found + strlen ("\"Stearing\""));

    g_file_set_contents (path, longer, -1, &error);
    g_assert_no_error (error);
  }
  registry = load (fixture, path, FALSE, NULL);
  g_assert_cmpstr (convene_group_get_name (convene_registry_lookup_group (registry, "steering")),
                   ==, "Steering group");
  g_clear_object (&registry);

  /* Only a newer modification time. */
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  times[0] = st.st_atim;
  times[1] = st.st_mtim;
  times[1].tv_nsec = (times[1].tv_nsec + 5000) % 1000000000;
  g_assert_cmpint (utimensat (AT_FDCWD, path, times, 0), ==, 0);
  registry = load (fixture, path, FALSE, NULL);
  g_clear_object (&registry);
  registry = load (fixture, path, TRUE, NULL);
}

typedef enum
{
  DAMAGE_TRUNCATE,
  DAMAGE_RANDOM_BYTES,
  DAMAGE_EMPTY,
  DAMAGE_VERSION,
  DAMAGE_MAGIC,
  DAMAGE_TYPE,
  DAMAGE_INDEX,
  DAMAGE_COLUMN,
} Damage;

static void
damage_entry (Fixture    *fixture,
              const char *path,
              Damage      damage)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *entry_file = entry_path (fixture, path);
  g_autofree char *contents = NULL;
  g_autoptr(GVariant) entry = NULL;
  g_autoptr(GVariant) body = NULL;
  g_autoptr(GVariant) damaged = NULL;
  GVariant *children[8];
  gsize length;

  g_file_get_contents (entry_file, &contents, &length, &error);
  g_assert_no_error (error);

  switch (damage)
    {
    case DAMAGE_TRUNCATE:
      g_assert_cmpint (truncate (entry_file, length / 2), ==, 0);
      return;

    case DAMAGE_EMPTY:
      g_assert_cmpint (truncate (entry_file, 0), ==, 0);
      return;

    case DAMAGE_RANDOM_BYTES:
      {
        g_autoptr(GRand) rand = g_rand_new_with_seed (length);

        for (gsize i = length / 2; i < length / 2 + 64 && i < length; i++)
          contents[i] = g_rand_int_range (rand, 0, 256);
        g_file_set_contents (entry_file, contents, length, &error);
        g_assert_no_error (error);
        return;
      }

    case DAMAGE_VERSION:
    case DAMAGE_MAGIC:
    case DAMAGE_TYPE:
    case DAMAGE_INDEX:
    case DAMAGE_COLUMN:
    default:
      break;
    }

  /* Every child and replacement is a full reference, dropped at the end. */
  entry = read_entry (fixture, path);
  for (guint i = 0; i < 8; i++)
    children[i] = g_variant_get_child_value (entry, i);

  if (damage == DAMAGE_VERSION)
    {
      guint32 version = g_variant_get_uint32 (children[1]);

      g_variant_unref (children[1]);
      children[1] = g_variant_ref_sink (g_variant_new_uint32 (version + 1));
    }
  else if (damage == DAMAGE_MAGIC)
    {
      g_variant_unref (children[0]);
      children[0] = g_variant_ref_sink (g_variant_new_string ("gvdb"));
    }
  else
    {
      /* A body that is not a registry body, or one whose role index points
       * past the groups, under a checksum that matches: only the reader's
       * own checks can refuse it.
       */
      if (damage == DAMAGE_TYPE)
        {
          body = g_variant_ref_sink (g_variant_new_string ("a registry"));
        }
      else if (damage == DAMAGE_COLUMN)
        {
          g_autoptr(GVariant) old_body = g_variant_get_variant (children[7]);
          GVariant *fields[7];
          GVariant *column[4];

          /* The groups' id offsets point past the ids. */
          for (guint i = 0; i < 7; i++)
            fields[i] = g_variant_get_child_value (old_body, i);
          for (guint i = 0; i < 4; i++)
            column[i] = g_variant_get_child_value (fields[2], i);
          {
            gsize n_ids;
            const guint32 *starts = g_variant_get_fixed_array (column[1], &n_ids, sizeof (guint32));
            g_autofree guint32 *moved = g_memdup2 (starts, n_ids * sizeof (guint32));

            g_assert_cmpuint (n_ids, >, 1);
            moved[n_ids - 1] = 1000000;
            g_variant_unref (column[1]);
            column[1] = g_variant_ref_sink (g_variant_new_fixed_array (G_VARIANT_TYPE_UINT32, moved,
                                                                       n_ids, sizeof (guint32)));
          }
          g_variant_unref (fields[2]);
          fields[2] = g_variant_ref_sink (g_variant_new_tuple (column, 4));

          body = g_variant_ref_sink (g_variant_new_tuple (fields, 7));
          for (guint i = 0; i < 4; i++)
            g_variant_unref (column[i]);
          for (guint i = 0; i < 7; i++)
            g_variant_unref (fields[i]);
        }
      else
        {
          g_autoptr(GVariant) old_body = g_variant_get_variant (children[7]);
          g_autoptr(GVariantBuilder) offsets = g_variant_builder_new (G_VARIANT_TYPE ("au"));
          GVariant *fields[7];
          gsize n_offsets;

          for (guint i = 0; i < 7; i++)
            fields[i] = g_variant_get_child_value (old_body, i);
          g_assert_cmpuint (g_variant_n_children (fields[5]), >, 0);

          /* One role, in a group that does not exist, for the first person. */
          n_offsets = g_variant_n_children (fields[4]);
          g_variant_builder_add (offsets, "u", 0);
          for (gsize i = 1; i < n_offsets; i++)
            g_variant_builder_add (offsets, "u", 1);
          g_variant_unref (fields[4]);
          fields[4] = g_variant_ref_sink (g_variant_builder_end (offsets));
          g_variant_unref (fields[5]);
          fields[5] = g_variant_ref_sink (g_variant_new_parsed ("[(@u 999999, @u 0)]"));

          body = g_variant_ref_sink (g_variant_new_tuple (fields, 7));
          for (guint i = 0; i < 7; i++)
            g_variant_unref (fields[i]);
        }

      g_variant_unref (children[7]);
      children[7] = g_variant_ref_sink (g_variant_new_variant (body));
      g_variant_unref (children[6]);
      children[6] = g_variant_ref_sink (
        g_variant_new_uint64 (XXH3_64bits (g_variant_get_data (children[7]),
                                           g_variant_get_size (children[7]))));
    }

  damaged = g_variant_ref_sink (g_variant_new_tuple (children, 8));
  for (guint i = 0; i < 8; i++)
    g_variant_unref (children[i]);
  replace_entry (fixture, path, damaged);
}

static void
test_damaged (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *source = fixture_file ("istio.json");
  g_autofree char *path = copy_to (fixture->dir, source, "istio.json");
  g_autoptr(ConveneRegistry) plain = NULL;
  g_autofree char *plain_json = NULL;
  g_autoptr(GError) error = NULL;
  const Damage damages[] = {
    DAMAGE_TRUNCATE, DAMAGE_RANDOM_BYTES, DAMAGE_EMPTY, DAMAGE_VERSION, DAMAGE_MAGIC,
    DAMAGE_TYPE, DAMAGE_INDEX, DAMAGE_COLUMN,
  };

  plain = convene_registry_load_from_file (path, NULL, &error);
  g_assert_no_error (error);
  plain_json = to_json (plain);

  g_object_unref (load (fixture, path, FALSE, NULL));

  for (guint i = 0; i < G_N_ELEMENTS (damages); i++)
    {
      g_autoptr(ConveneRegistry) registry = NULL;
      g_autofree char *json = NULL;

      g_test_message ("damage %u", damages[i]);
      damage_entry (fixture, path, damages[i]);

      /* Refused, loaded from the source, and the entry written again. */
      registry = load (fixture, path, FALSE, NULL);
      json = to_json (registry);
      g_assert_cmpstr (json, ==, plain_json);
      g_clear_object (&registry);
      g_clear_pointer (&json, g_free);

      registry = load (fixture, path, TRUE, NULL);
      json = to_json (registry);
      g_assert_cmpstr (json, ==, plain_json);
    }
}

static guint
count_files (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
test_invalid_source (Fixture       *fixture,
                     gconstpointer  data)
{
  const char *texts[] = {
    "{ \"format_version\": 1, \"community\": { \"name\": \"X\" }, \"groups\": [ { \"id\": 3 } ] }",
    "{ \"format_version\": 1, ",
    "{ \"format_version\": 99, \"community\": { \"name\": \"X\" } }",
  };

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autofree char *path = g_build_filename (fixture->dir, "invalid.json", NULL);
      g_autoptr(GPtrArray) plain_issues = NULL;
      g_autoptr(GPtrArray) issues = NULL;
      g_autoptr(GError) plain_error = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(ConveneRegistry) registry = NULL;
      gboolean from_cache = TRUE;

      g_file_set_contents (path, texts[i], -1, &error);
      g_assert_no_error (error);

      g_assert_null (convene_registry_load_from_file (path, &plain_issues, &plain_error));
      g_assert_nonnull (plain_error);
      g_assert_cmpuint (plain_issues->len, >, 0);

      registry = convene_registry_cache_load_file (path, fixture->cache_dir, NULL, &from_cache,
                                                   &issues, &error);
      g_assert_null (registry);
      g_assert_false (from_cache);
      g_assert_error (error, plain_error->domain, plain_error->code);
      g_assert_cmpstr (error->message, ==, plain_error->message);
      assert_same_issues (issues, plain_issues);
      g_assert_cmpuint (count_files (fixture->cache_dir), ==, 0);
    }

  /* A missing file fails as it does without the cache. */
  {
    g_autofree char *path = g_build_filename (fixture->dir, "missing.json", NULL);
    g_autoptr(GPtrArray) issues = NULL;
    g_autoptr(GError) error = NULL;

    g_assert_null (convene_registry_cache_load_file (path, fixture->cache_dir, NULL, NULL,
                                                     &issues, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_assert_cmpuint (issues->len, ==, 0);
  }
}

/* A cache that cannot be written is no error; as root, permissions do
 * not stop a write, so the cache "directory" is under a plain file.
 */
static void
test_unwritable (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *source = fixture_file ("full.json");
  g_autofree char *path = copy_to (fixture->dir, source, "full.json");
  g_autofree char *blocker = g_build_filename (fixture->dir, "blocker", NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (blocker, "", 0, &error);
  g_assert_no_error (error);
  g_free (fixture->cache_dir);
  fixture->cache_dir = g_build_filename (blocker, "cache", NULL);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(ConveneRegistry) registry = load (fixture, path, FALSE, NULL);

      g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, 3);
    }

  /* And a read-only directory, where permissions do apply. */
  if (geteuid () != 0)
    {
      g_autoptr(ConveneRegistry) registry = NULL;

      g_free (fixture->cache_dir);
      fixture->cache_dir = g_build_filename (fixture->dir, "read-only", NULL);
      g_assert_cmpint (g_mkdir (fixture->cache_dir, 0500), ==, 0);
      registry = load (fixture, path, FALSE, NULL);
      g_clear_object (&registry);
      registry = load (fixture, path, FALSE, NULL);
      g_assert_cmpint (g_chmod (fixture->cache_dir, 0700), ==, 0);
    }

  /* No temporary file is left behind in a directory that does take it. */
  g_free (fixture->cache_dir);
  fixture->cache_dir = g_build_filename (fixture->dir, "cache", NULL);
  g_object_unref (load (fixture, path, FALSE, NULL));
  g_assert_cmpuint (count_files (fixture->cache_dir), ==, 1);
}

static void
test_lazy (Fixture       *fixture,
           gconstpointer  data)
{
  g_autofree char *path = write_generated (fixture, 5000, 5);
  g_autoptr(ConveneRegistry) cold = NULL;
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(ConveneGroup) group = NULL;
  g_autoptr(GListModel) groups = NULL;
  const ConveneRegistryRole *roles;
  ConvenePerson *person;
  guint n_roles;
  guint position;

  cold = load (fixture, path, FALSE, NULL);
  g_assert_cmpuint (convene_registry_get_n_materialized (cold), ==, 5000 + 25000);
  g_clear_object (&cold);

  registry = load (fixture, path, TRUE, NULL);
  g_assert_cmpuint (convene_registry_get_n_materialized (registry), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), ==, 5000);
  g_assert_cmpuint (convene_registry_get_n_people (registry), ==, 25000);
  g_assert_cmpuint (g_list_model_get_n_items (convene_registry_get_people (registry)), ==, 25000);
  g_assert_true (convene_registry_find_group_position (registry, "g4321", &position));
  g_assert_cmpuint (position, ==, 4321);
  g_assert_cmpuint (convene_registry_get_n_materialized (registry), ==, 0);

  /* One group: it and its five leads. */
  group = g_list_model_get_item (G_LIST_MODEL (registry), 10);
  g_assert_cmpstr (convene_group_get_id (group), ==, "g10");
  g_assert_cmpstr (convene_group_get_name (group), ==, "Grüppe 10");
  g_assert_cmpuint (g_list_model_get_n_items (convene_group_get_leads (group)), ==, 5);
  g_assert_cmpuint (convene_registry_get_n_materialized (registry), ==, 1 + 5);

  /* A person by id, and what they lead, from the index alone. */
  person = convene_registry_lookup_person (registry, "p20000");
  g_assert_nonnull (person);
  g_assert_cmpstr (convene_person_get_name (person), ==, "Zoë Ångström 20000");
  g_assert_cmpuint (convene_registry_get_n_materialized (registry), ==, 1 + 5 + 1);
  roles = convene_registry_get_roles_for_person (registry, person, &n_roles);
  g_assert_cmpuint (n_roles, ==, 1);
  g_assert_cmpuint (roles[0].group_position, ==, 4000);
  g_assert_cmpint (roles[0].role, ==, CONVENE_ROLE_CHAIR);
  g_assert_cmpuint (convene_registry_get_n_groups_for_person (registry, person), ==, 1);
  g_assert_cmpuint (convene_registry_get_n_materialized (registry), ==, 1 + 5 + 1);

  /* Listing those groups makes that group, whose other leads come along. */
  groups = convene_registry_list_groups_for_person (registry, person);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 1);
  g_assert_cmpuint (convene_registry_get_n_materialized (registry), ==, 1 + 5 + 1 + 1 + 4);

  g_assert_null (convene_registry_lookup_group (registry, "g5000"));
  g_assert_null (convene_registry_lookup_person (registry, "p25000"));
  g_assert_cmpuint (convene_registry_get_n_materialized (registry), ==, 12);
}

static void
test_identity (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *source = fixture_file ("full.json");
  g_autofree char *path = copy_to (fixture->dir, source, "full.json");
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autoptr(ConveneGroup) first = NULL;
  g_autoptr(ConveneGroup) again = NULL;
  g_autoptr(ConveneLead) lead = NULL;
  g_autoptr(ConvenePerson) listed = NULL;
  g_autoptr(ConvenePerson) stranger = convene_person_new ("geeknoid", "Not him");
  g_autoptr(GListModel) groups = NULL;
  GListModel *people;
  guint position;

  g_object_unref (load (fixture, path, FALSE, NULL));
  registry = load (fixture, path, TRUE, NULL);
  people = convene_registry_get_people (registry);

  first = g_list_model_get_item (G_LIST_MODEL (registry), 0);
  again = g_list_model_get_item (G_LIST_MODEL (registry), 0);
  g_assert_true (first == again);
  g_assert_true (convene_registry_lookup_group (registry, "steering") == first);

  /* The person a lead names is the one the people model holds. */
  lead = g_list_model_get_item (convene_group_get_leads (first), 2);
  g_assert_cmpstr (convene_person_get_id (convene_lead_get_person (lead)), ==, "geeknoid");
  g_assert_true (convene_registry_lookup_person (registry, "geeknoid") ==
                 convene_lead_get_person (lead));
  g_assert_true (convene_registry_find_person_position (registry, convene_lead_get_person (lead),
                                                        &position));
  listed = g_list_model_get_item (people, position);
  g_assert_true (listed == convene_lead_get_person (lead));

  groups = convene_registry_list_groups_for_person (registry, listed);
  g_assert_cmpuint (g_list_model_get_n_items (groups), ==, 2);
  g_clear_object (&again);
  again = g_list_model_get_item (groups, 0);
  g_assert_true (again == first);

  /* An object with the same id is someone else. */
  g_assert_cmpuint (convene_registry_get_n_groups_for_person (registry, stranger), ==, 0);
}

/* 30,000 small groups, from the source and from the cache. */
static void
test_many_groups (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autofree char *path = write_generated (fixture, 30000, 1);
  g_autoptr(ConveneRegistry) cold = NULL;
  g_autoptr(ConveneRegistry) warm = NULL;
  g_autofree char *cold_json = NULL;
  g_autofree char *warm_json = NULL;
  ConvenePerson *person;
  const ConveneRegistryRole *roles;
  guint n_roles;

  cold = load (fixture, path, FALSE, NULL);
  warm = load (fixture, path, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (warm)), ==, 30000);
  g_assert_cmpuint (convene_registry_get_n_people (warm), ==, 30000);

  person = convene_registry_lookup_person (warm, "p29999");
  roles = convene_registry_get_roles_for_person (warm, person, &n_roles);
  g_assert_cmpuint (n_roles, ==, 1);
  g_assert_cmpuint (roles[0].group_position, ==, 29999);

  cold_json = to_json (cold);
  warm_json = to_json (warm);
  g_assert_cmpstr (warm_json, ==, cold_json);
}

/* The peak resident size of this process, in KiB. */
static glong
peak_rss_kib (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return usage.ru_maxrss;
}

static goffset
file_size (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_true (S_ISREG (st.st_mode));
  return st.st_size;
}

/* An entry is never much larger than its source, which is what bounds
 * the entries the cache maps (ENTRY_MAX_SIZE in convene-registry-cache.c:
 * four times the source and 4 MiB).
 */
static void
test_entry_size (Fixture       *fixture,
                 gconstpointer  data)
{
  const char *names[] = { "full.json", "istio.json", "warnings.json", "unknown-fields.json" };
  g_autofree char *generated = write_generated (fixture, 2000, 2);
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autofree char *entry = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *source = fixture_file (names[i]);
      g_autofree char *path = copy_to (fixture->dir, source, names[i]);
      g_autoptr(ConveneRegistry) fixture_registry = load (fixture, path, FALSE, NULL);
      g_autofree char *fixture_entry = entry_path (fixture, path);

      g_test_message ("%s: source %" G_GOFFSET_FORMAT " B, entry %" G_GOFFSET_FORMAT " B",
                      names[i], file_size (path), file_size (fixture_entry));
      g_assert_cmpint (file_size (fixture_entry), <, 4 * file_size (path) + 4 * 1024 * 1024);
    }

  registry = load (fixture, generated, FALSE, NULL);
  entry = entry_path (fixture, generated);
  g_test_message ("generated: source %" G_GOFFSET_FORMAT " B, entry %" G_GOFFSET_FORMAT " B",
                  file_size (generated), file_size (entry));
  g_assert_cmpint (file_size (entry), <, 2 * file_size (generated));
}

/* An entry that is a FIFO is a miss at once, not a load that waits for a
 * writer forever; the entry is written again as a file.
 */
static void
test_fifo_entry (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *source = fixture_file ("istio.json");
  g_autofree char *path = copy_to (fixture->dir, source, "istio.json");
  g_autofree char *entry = entry_path (fixture, path);
  g_autoptr(ConveneRegistry) registry = NULL;

  g_object_unref (load (fixture, path, FALSE, NULL));
  g_assert_cmpint (g_unlink (entry), ==, 0);
  g_assert_cmpint (mkfifo (entry, 0600), ==, 0);

  g_object_unref (load (fixture, path, FALSE, NULL));
  file_size (entry);
  registry = load (fixture, path, TRUE, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (registry)), >, 0);
}

/* An entry of 8 GiB (sparse: it takes no disk) is refused on its size:
 * nothing of it is mapped or read, so the peak memory stays where it was,
 * and the source is loaded and cached again.
 */
static void
test_huge_entry (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autofree char *source = fixture_file ("istio.json");
  g_autofree char *path = copy_to (fixture->dir, source, "istio.json");
  g_autofree char *entry = entry_path (fixture, path);
  g_autoptr(ConveneRegistry) registry = NULL;
  g_autofree char *plain_json = NULL;
  g_autofree char *json = NULL;
  glong rss_before;
  int fd;

  registry = load (fixture, path, FALSE, NULL);
  plain_json = to_json (registry);
  g_clear_object (&registry);

  /* Keep the header of the good entry, so a reader that did not check
   * the size would go on to hash all of it.
   */
  fd = g_open (entry, O_WRONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t)8 * 1024 * 1024 * 1024), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  rss_before = peak_rss_kib ();
  registry = load (fixture, path, FALSE, NULL);
  g_assert_cmpint (peak_rss_kib () - rss_before, <, 64 * 1024);
  json = to_json (registry);
  g_assert_cmpstr (json, ==, plain_json);
  g_clear_object (&registry);

  g_assert_cmpint (file_size (entry), <, 4 * file_size (path) + 4 * 1024 * 1024);
  registry = load (fixture, path, TRUE, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/registry-cache/round-trip", test_round_trip);
  ADD ("/registry-cache/source-changed", test_source_changed);
  ADD ("/registry-cache/damaged", test_damaged);
  ADD ("/registry-cache/invalid-source", test_invalid_source);
  ADD ("/registry-cache/unwritable", test_unwritable);
  ADD ("/registry-cache/lazy", test_lazy);
  ADD ("/registry-cache/identity", test_identity);
  ADD ("/registry-cache/many-groups", test_many_groups);
  ADD ("/registry-cache/entry-size", test_entry_size);
  ADD ("/registry-cache/fifo-entry", test_fifo_entry);
  ADD ("/registry-cache/huge-entry", test_huge_entry);

#undef ADD

  return g_test_run ();
}
