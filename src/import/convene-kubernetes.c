/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-kubernetes"

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include <glib/gi18n.h>

#include "convene-kubernetes-private.h"
#include "convene-bounded-read.h"
#include "convene-limits.h"
#include "convene-url.h"

/* The importer of Kubernetes' sigs.yaml and of CNCF's tags.yaml, which
 * share one shape: lists of groups (sigs, workinggroups, usergroups,
 * committees; tags) with leadership, meetings, a contact block and
 * child groups (subprojects; a TAG's working_groups). Child groups
 * become groups of their own with a parent. Whatever has no place in
 * the model is a warning at its line and column, never dropped in
 * silence; the registry made always loads again.
 */

#define KUBERNETES_BASE_URL "https://github.com/kubernetes/community/blob/master/"

/* Issues */

/* The path of @node in the document, such as "sigs[3].meetings[0]" */
static char *
node_path (ConveneYamlNode *node)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *path = g_string_new (NULL);

  for (ConveneYamlNode *n = node; n != NULL && n->parent != NULL; n = n->parent)
    {
      if (n->key != NULL)
        g_ptr_array_add (parts, g_strdup (n->key));
      else
        {
          guint index = 0;

          g_ptr_array_find (n->parent->children, n, &index);
          g_ptr_array_add (parts, g_strdup_printf ("[%u]", index));
        }
    }

  for (guint i = parts->len; i > 0; i--)
    {
      const char *part = g_ptr_array_index (parts, i - 1);

      if (path->len > 0 && part[0] != '[')
        g_string_append_c (path, '.');
      g_string_append (path, part);
    }

  return g_string_free (path, FALSE);
}

/* A warning at @node, or at its key when @at_key */
void
kube_warn (KubeImporter    *self,
           ConveneYamlNode *node,
           gboolean         at_key,
           const char      *format,
           ...)
{
  g_autofree char *message = NULL;
  g_autofree char *path = NULL;
  va_list args;

  g_assert (node != NULL);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  path = node_path (node);
  g_ptr_array_add (self->issues,
                   convene_issue_new (CONVENE_SEVERITY_WARNING, self->filename,
                                      at_key && node->key != NULL ? node->key_line : node->line,
                                      at_key && node->key != NULL ? node->key_column : node->column,
                                      *path != '\0' ? path : NULL, message));
}

/* A warning for each member of @mapping that is not in @known */
void
kube_warn_unknown (KubeImporter       *self,
                   ConveneYamlNode    *mapping,
                   const char * const *known)
{
  for (guint i = 0; i < convene_yaml_n_children (mapping); i++)
    {
      ConveneYamlNode *child = convene_yaml_child (mapping, i);

      if (!g_strv_contains (known, child->key))
        kube_warn (self, child, TRUE, _("“%s” is not imported: Convene has no place for it"),
                   child->key);
    }
}

gboolean
kube_is_list (KubeImporter    *self,
              ConveneYamlNode *node)
{
  if (node->kind == CONVENE_YAML_SEQUENCE)
    return TRUE;

  if (!convene_yaml_is_null (node))
    kube_warn (self, node, FALSE, _("a list was expected here; not imported"));
  return FALSE;
}

/* The text of @key, or %NULL; one that is not text or longer than
 * @max_chars is a warning and left out.
 */
const char *
kube_string (KubeImporter    *self,
             ConveneYamlNode *mapping,
             const char      *key,
             guint            max_chars)
{
  ConveneYamlNode *node = convene_yaml_lookup (mapping, key);
  const char *str;

  if (node == NULL || convene_yaml_is_null (node))
    return NULL;

  if (node->kind != CONVENE_YAML_SCALAR)
    {
      kube_warn (self, node, FALSE, _("“%s” should be a text; not imported"), key);
      return NULL;
    }

  str = node->value;
  if (g_utf8_strlen (str, -1) > max_chars)
    {
      kube_warn (self, node, FALSE, _("“%s” is longer than %u characters; not imported"), key,
                 max_chars);
      return NULL;
    }

  /* Only blanks: nothing to show */
  for (const char *p = str; *p != '\0'; p++)
    if (!g_ascii_isspace (*p))
      return str;

  return NULL;
}

/* The URL of @key, resolved against @relative_to when that is given;
 * one that is not a URL Convene opens is a warning.
 */
char *
kube_url (KubeImporter    *self,
          ConveneYamlNode *mapping,
          const char      *key,
          const char      *relative_to)
{
  ConveneYamlNode *node = convene_yaml_lookup (mapping, key);
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;
  const char *str = kube_string (self, mapping, key, 2048);

  if (str == NULL)
    return NULL;

  if (relative_to != NULL && !g_uri_is_valid (str, G_URI_FLAGS_NONE, NULL))
    url = g_uri_resolve_relative (relative_to, str, G_URI_FLAGS_NONE, NULL);
  else
    url = g_strdup (str);

  if (url == NULL || !convene_url_check (url, &error))
    {
      kube_warn (self, node, FALSE, "%s: %s", key,
                 error != NULL ? error->message
                               : _("not a URL; give --base-url for relative links"));
      return NULL;
    }

  return g_steal_pointer (&url);
}

/* Groups */

/* A group id not yet taken: @wanted, or @wanted-2, -3, ... */
static char *
unique_id (KubeImporter *self,
           const char   *wanted)
{
  g_autofree char *base = g_strndup (wanted, CONVENE_MAX_ID - 4);

  if (convene_registry_lookup_group (self->registry, wanted) == NULL)
    return g_strdup (wanted);

  for (guint i = 2; ; i++)
    {
      g_autofree char *id = g_strdup_printf ("%s-%u", base, i);

      if (convene_registry_lookup_group (self->registry, id) == NULL)
        return g_steal_pointer (&id);
    }
}

static void import_group (KubeImporter     *self,
                          ConveneYamlNode  *entry,
                          ConveneGroupKind  kind,
                          const char       *label_prefix,
                          ConveneGroup     *parent);

static void
import_children (KubeImporter     *self,
                 ConveneYamlNode  *list,
                 ConveneGroupKind  kind,
                 ConveneGroup     *parent)
{
  if (!kube_is_list (self, list))
    return;

  for (guint i = 0; i < convene_yaml_n_children (list); i++)
    import_group (self, convene_yaml_child (list, i), kind, NULL, parent);
}

static void
import_group (KubeImporter     *self,
              ConveneYamlNode  *entry,
              ConveneGroupKind  kind,
              const char       *label_prefix,
              ConveneGroup     *parent)
{
  static const char * const known[] = {
    "dir", "name", "mission_statement", "objective", "description", "charter_link", "label",
    "leadership", "leads", "meetings", "contact", "subprojects", "working_groups", "owners",
    "tag_calendar", "toc_liaison", "liaison", "liaisons", NULL,
  };
  g_autoptr(ConveneGroup) group = NULL;
  g_autofree char *wanted = NULL;
  g_autofree char *id = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *charter = NULL;
  g_autofree char *calendar = NULL;
  g_autofree char *description = NULL;
  ConveneYamlNode *node;
  const char *dir, *name, *str;

  if (entry->kind != CONVENE_YAML_MAPPING)
    {
      kube_warn (self, entry, FALSE, _("a group is a mapping with a name; not imported"));
      return;
    }

  dir = kube_string (self, entry, "dir", CONVENE_MAX_ID);
  name = kube_string (self, entry, "name", CONVENE_MAX_NAME);
  if (name == NULL)
    name = dir;
  if (name == NULL)
    {
      kube_warn (self, entry, FALSE, _("a group without a name; not imported"));
      return;
    }

  kube_warn_unknown (self, entry, known);

  /* A child's id says whose it is: "sig-apps-kompose" */
  if (parent != NULL)
    {
      g_autofree char *joined = g_strconcat (convene_group_get_id (parent), " ", name, NULL);

      wanted = convene_group_make_id (joined);
    }
  else
    wanted = dir != NULL ? convene_person_make_id (NULL, dir) : convene_group_make_id (name);
  if (wanted == NULL || *wanted == '\0')
    {
      kube_warn (self, entry, FALSE, _("no id can be made from the name “%s”; not imported"), name);
      return;
    }
  id = unique_id (self, wanted);

  group = convene_group_new (id, name);
  convene_group_set_kind (group, kind);
  if (parent != NULL)
    convene_group_set_parent_id (group, convene_group_get_id (parent));

  for (guint i = 0; i < 3 && description == NULL; i++)
    {
      const char *key = (const char *[]) { "mission_statement", "objective", "description" }[i];

      if ((str = kube_string (self, entry, key, CONVENE_MAX_PARAGRAPH)) != NULL)
        description = g_strstrip (g_strdup (str));
    }
  convene_group_set_description (group, description);

  /* charter.md sits in the group's folder of the community repository */
  if (self->base_url != NULL && dir != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (dir, NULL, FALSE);
      g_autofree char *relative = g_strconcat (escaped, "/", NULL);

      folder = g_uri_resolve_relative (self->base_url, relative, G_URI_FLAGS_NONE, NULL);
    }
  if ((charter = kube_url (self, entry, "charter_link", folder != NULL ? folder : self->base_url)))
    {
      g_autoptr(ConveneLink) link = convene_link_new (CONVENE_LINK_CHARTER, NULL, charter);

      convene_group_add_link (group, link);
    }

  /* The label marks the group's issues and pull requests: sig/apps */
  if (label_prefix != NULL && (str = kube_string (self, entry, "label", 60)) != NULL)
    {
      g_autofree char *label = g_strconcat (label_prefix, "/", str, NULL);
      g_autofree char *escaped = g_uri_escape_string (label, NULL, FALSE);
      g_autofree char *url = g_strconcat ("https://github.com/kubernetes/kubernetes/labels/",
                                          escaped, NULL);
      g_autofree char *text = g_strdup_printf (_("Issues labelled %s"), label);
      g_autoptr(ConveneLink) link = convene_link_new (CONVENE_LINK_OTHER, text, url);

      convene_group_add_link (group, link);
    }
  else if (convene_yaml_lookup (entry, "label") != NULL && label_prefix == NULL)
    kube_warn (self, convene_yaml_lookup (entry, "label"), TRUE,
               _("“label” is not imported: Convene has no place for it"));

  if ((node = convene_yaml_lookup (entry, "owners")) != NULL && kube_is_list (self, node))
    {
      for (guint i = 0; i < convene_yaml_n_children (node); i++)
        {
          ConveneYamlNode *owner = convene_yaml_child (node, i);
          const char *url = convene_yaml_scalar (owner);
          g_autoptr(ConveneLink) link = NULL;

          if (url == NULL || !convene_url_check (url, NULL))
            {
              kube_warn (self, owner, FALSE, _("an OWNERS entry is a URL; not imported"));
              continue;
            }
          link = convene_link_new (CONVENE_LINK_OTHER, "OWNERS", url);
          convene_group_add_link (group, link);
        }
    }

  if ((calendar = kube_url (self, entry, "tag_calendar", NULL)) != NULL)
    {
      g_autoptr(ConveneLink) link = convene_link_new (CONVENE_LINK_CALENDAR, NULL, calendar);
      const char * const feeds[] = { calendar, NULL };

      convene_group_add_link (group, link);
      /* An .ics URL is a feed the schedule can follow */
      if (g_str_has_suffix (calendar, ".ics"))
        convene_group_set_calendar_feeds (group, feeds);
    }

  if ((node = convene_yaml_lookup (entry, "leadership")) != NULL)
    kube_import_leadership (self, node, group);
  if ((node = convene_yaml_lookup (entry, "leads")) != NULL)
    kube_import_leads (self, node, CONVENE_ROLE_LEAD, group);
  if ((node = convene_yaml_lookup (entry, "meetings")) != NULL)
    kube_import_meetings (self, node, group);
  if ((node = convene_yaml_lookup (entry, "contact")) != NULL)
    kube_import_contact (self, node, group);
  for (guint i = 0; i < 3; i++)
    {
      const char *key = (const char *[]) { "liaison", "liaisons", "toc_liaison" }[i];

      if ((node = convene_yaml_lookup (entry, key)) != NULL)
        kube_import_liaisons (self, node, group);
    }

  /* The parent first, so that the list reads top-down */
  convene_registry_add_group (self->registry, group);

  if ((node = convene_yaml_lookup (entry, "subprojects")) != NULL)
    import_children (self, node, CONVENE_GROUP_KIND_SUBPROJECT, group);
  if ((node = convene_yaml_lookup (entry, "working_groups")) != NULL)
    import_children (self, node, CONVENE_GROUP_KIND_WORKING_GROUP, group);
}

/* The document */

static const struct {
  const char *key;
  ConveneGroupKind kind;
  const char *label_prefix;
} group_lists[] = {
  { "sigs", CONVENE_GROUP_KIND_SIG, "sig" },
  { "workinggroups", CONVENE_GROUP_KIND_WORKING_GROUP, "wg" },
  { "usergroups", CONVENE_GROUP_KIND_USER_GROUP, "ug" },
  { "committees", CONVENE_GROUP_KIND_COMMITTEE, "committee" },
  { "tags", CONVENE_GROUP_KIND_TAG, NULL },
};

static gboolean
import_document (KubeImporter     *self,
                 ConveneYamlNode  *root,
                 GError          **error)
{
  g_autoptr(ConveneCommunity) community = NULL;
  gboolean is_cncf = convene_yaml_lookup (root, "tags") != NULL;
  gboolean found = FALSE;

  if (root->kind == CONVENE_YAML_MAPPING)
    for (guint i = 0; i < G_N_ELEMENTS (group_lists); i++)
      found |= convene_yaml_lookup (root, group_lists[i].key) != NULL;

  if (!found)
    {
      g_ptr_array_add (self->issues,
                       convene_issue_new (CONVENE_SEVERITY_ERROR, self->filename, root->line,
                                          root->column, NULL,
                                          _("not a sigs.yaml or tags.yaml: no sigs, "
                                            "workinggroups, usergroups, committees or tags")));
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                           _("not a sigs.yaml or tags.yaml: no sigs, workinggroups, usergroups, "
                             "committees or tags"));
      return FALSE;
    }

  community = convene_community_new (is_cncf ? "CNCF" : "Kubernetes");
  convene_community_set_url (community, is_cncf ? "https://github.com/cncf/toc"
                                                : "https://github.com/kubernetes/community");
  self->registry = convene_registry_new (community);
  self->slack_host = is_cncf ? "cloud-native.slack.com" : "kubernetes.slack.com";
  self->github_org = is_cncf ? "cncf" : "kubernetes";
  if (self->base_url == NULL && !is_cncf)
    self->base_url = KUBERNETES_BASE_URL;

  for (guint i = 0; i < convene_yaml_n_children (root); i++)
    {
      ConveneYamlNode *child = convene_yaml_child (root, i);
      gboolean known = FALSE;

      for (guint j = 0; j < G_N_ELEMENTS (group_lists) && !known; j++)
        {
          if (g_strcmp0 (child->key, group_lists[j].key) != 0)
            continue;

          known = TRUE;
          if (!kube_is_list (self, child))
            continue;
          for (guint k = 0; k < convene_yaml_n_children (child); k++)
            import_group (self, convene_yaml_child (child, k), group_lists[j].kind,
                          is_cncf ? NULL : group_lists[j].label_prefix, NULL);
        }

      if (!known)
        kube_warn (self, child, TRUE, _("“%s” is not imported: Convene has no place for it"),
                   child->key);
    }

  if (self->n_emails > 0)
    kube_warn (self, self->first_email, FALSE,
               ngettext ("%u e-mail address of a person is not imported",
                         "%u e-mail addresses of people are not imported", self->n_emails),
               self->n_emails);

  return TRUE;
}

/* Public API */

/**
 * convene_kubernetes_import:
 * @text: the contents of a sigs.yaml or tags.yaml
 * @length: the length of @text in bytes
 * @filename: (nullable): the name to report issues against and to
 *   record as the source
 * @base_url: (nullable): where relative links (charter.md) are resolved;
 *   for a sigs.yaml, the Kubernetes community repository by default
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   warnings for what was not imported, and the error, each with a line
 *   and column
 * @error: return location for a #GError
 *
 * Imports a Kubernetes sigs.yaml or a CNCF tags.yaml. Schedules are read
 * with convene_schedule_parse_parts(); one it cannot read is a warning
 * and the meeting keeps its text without a time.
 *
 * Returns: (transfer full) (nullable): the registry, or %NULL with @error
 *   set when the text is not YAML or not such a file
 */
ConveneRegistry *
convene_kubernetes_import (const char  *text,
                           gsize        length,
                           const char  *filename,
                           const char  *base_url,
                           GPtrArray  **issues,
                           GError     **error)
{
  g_autoptr(ConveneYamlNode) root = NULL;
  g_autoptr(GPtrArray) found = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GError) local_error = NULL;
  KubeImporter self = { 0 };
  guint line, column;

  g_return_val_if_fail (text != NULL || length == 0, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self.filename = filename;
  self.base_url = base_url;
  self.issues = found;
  g_date_clear (&self.today, 1);
  g_date_set_dmy (&self.today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                  g_date_time_get_year (now));

  if (length > CONVENE_YAML_MAX_SIZE)
    {
      g_set_error (&local_error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
                   _("the file is too large; at most %u MiB are read"),
                   CONVENE_YAML_MAX_SIZE / (1024 * 1024));
      line = column = 0;
    }
  else
    root = convene_yaml_parse (text != NULL ? text : "", length, &line, &column, &local_error);

  if (root == NULL)
    {
      g_ptr_array_add (found, convene_issue_new (CONVENE_SEVERITY_ERROR, filename, line, column,
                                                 NULL, local_error->message));
    }
  else if (import_document (&self, root, &local_error))
    {
      g_autofree char *location = filename != NULL ? g_path_get_basename (filename) : NULL;

      convene_registry_set_source (self.registry, "kubernetes-sigs", location, NULL);
    }

  if (issues != NULL)
    *issues = g_ptr_array_ref (found);

  if (local_error != NULL)
    {
      g_clear_object (&self.registry);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  return self.registry;
}

/**
 * convene_kubernetes_import_file:
 * @path: a sigs.yaml or tags.yaml
 * @base_url: (nullable): as for convene_kubernetes_import()
 * @issues: (out) (optional) (transfer full) (element-type ConveneIssue):
 *   what was not imported
 * @error: return location for a #GError
 *
 * Reads @path, bounded in size and time, and imports it.
 *
 * Returns: (transfer full) (nullable): the registry
 */
ConveneRegistry *
convene_kubernetes_import_file (const char  *path,
                                const char  *base_url,
                                GPtrArray  **issues,
                                GError     **error)
{
  g_autoptr(GBytes) bytes = NULL;
  const char *contents;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (issues == NULL || *issues == NULL, NULL);

  bytes = convene_read_file_bounded (path, CONVENE_YAML_MAX_SIZE, NULL, NULL, error);
  if (bytes == NULL)
    {
      if (issues != NULL)
        *issues = g_ptr_array_new_with_free_func ((GDestroyNotify)convene_issue_free);
      return NULL;
    }

  contents = g_bytes_get_data (bytes, &length);
  return convene_kubernetes_import (contents, length, path, base_url, issues, error);
}
