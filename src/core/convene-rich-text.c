/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "convene-rich-text"

#include "config.h"

#include <glib/gi18n.h>

#include "convene-rich-text.h"

/* Text without Markdown, in paragraphs of runs; a run is plain text or the
 * text of a link. That is all the community intro needs, and it keeps
 * links clickable without carrying Markdown into the registry.
 */
typedef struct
{
  char *text;
  char *url;
} Run;

struct _ConveneRichText
{
  gatomicrefcount ref_count;
  GPtrArray *paragraphs; /* of GArray of Run */
};

G_DEFINE_BOXED_TYPE (ConveneRichText, convene_rich_text, convene_rich_text_ref, convene_rich_text_unref)

/* Helpers */

static void
clear_run (gpointer data)
{
  Run *run = data;

  g_clear_pointer (&run->text, g_free);
  g_clear_pointer (&run->url, g_free);
}

static GArray *
paragraph_new (void)
{
  GArray *runs = g_array_new (FALSE, TRUE, sizeof (Run));

  g_array_set_clear_func (runs, clear_run);
  return runs;
}

/* Public API */

/**
 * convene_rich_text_new:
 *
 * Returns: (transfer full): an empty text
 */
ConveneRichText *
convene_rich_text_new (void)
{
  ConveneRichText *self = g_new0 (ConveneRichText, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->paragraphs = g_ptr_array_new_with_free_func ((GDestroyNotify)g_array_unref);
  return self;
}

ConveneRichText *
convene_rich_text_ref (ConveneRichText *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  g_atomic_ref_count_inc (&self->ref_count);
  return self;
}

void
convene_rich_text_unref (ConveneRichText *self)
{
  g_return_if_fail (self != NULL);

  if (g_atomic_ref_count_dec (&self->ref_count))
    {
      g_ptr_array_unref (self->paragraphs);
      g_free (self);
    }
}

/**
 * convene_rich_text_add_paragraph:
 * @self: a #ConveneRichText
 *
 * Starts a new paragraph; the next runs go into it.
 */
void
convene_rich_text_add_paragraph (ConveneRichText *self)
{
  g_return_if_fail (self != NULL);
  g_ptr_array_add (self->paragraphs, paragraph_new ());
}

/**
 * convene_rich_text_append:
 * @self: a #ConveneRichText
 * @text: the text of the run
 * @url: (nullable): the link target, or %NULL for plain text
 *
 * Appends a run to the last paragraph, starting one if there is none.
 * Consecutive plain runs are merged.
 */
void
convene_rich_text_append (ConveneRichText *self,
                          const char      *text,
                          const char      *url)
{
  GArray *runs;
  Run run = { 0 };

  g_return_if_fail (self != NULL);
  g_return_if_fail (text != NULL);

  if (*text == '\0' && url == NULL)
    return;

  if (self->paragraphs->len == 0)
    convene_rich_text_add_paragraph (self);

  runs = g_ptr_array_index (self->paragraphs, self->paragraphs->len - 1);

  if (url == NULL && runs->len > 0)
    {
      Run *last = &g_array_index (runs, Run, runs->len - 1);

      if (last->url == NULL)
        {
          char *joined = g_strconcat (last->text, text, NULL);

          g_free (last->text);
          last->text = joined;
          return;
        }
    }

  run.text = g_strdup (text);
  run.url = g_strdup (url);
  g_array_append_val (runs, run);
}

guint
convene_rich_text_get_n_paragraphs (ConveneRichText *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->paragraphs->len;
}

guint
convene_rich_text_get_n_runs (ConveneRichText *self,
                              guint            paragraph)
{
  GArray *runs;

  g_return_val_if_fail (self != NULL, 0);
  g_return_val_if_fail (paragraph < self->paragraphs->len, 0);

  runs = g_ptr_array_index (self->paragraphs, paragraph);
  return runs->len;
}

/**
 * convene_rich_text_get_run:
 * @self: a #ConveneRichText
 * @paragraph: the index of the paragraph
 * @run: the index of the run in it
 * @url: (out) (optional) (transfer none): the link target, %NULL for text
 *
 * Returns: (transfer none): the text of the run
 */
const char *
convene_rich_text_get_run (ConveneRichText  *self,
                           guint             paragraph,
                           guint             run,
                           const char      **url)
{
  GArray *runs;
  Run *r;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (paragraph < self->paragraphs->len, NULL);

  runs = g_ptr_array_index (self->paragraphs, paragraph);
  g_return_val_if_fail (run < runs->len, NULL);

  r = &g_array_index (runs, Run, run);
  if (url != NULL)
    *url = r->url;
  return r->text;
}

gboolean
convene_rich_text_is_empty (ConveneRichText *self)
{
  g_return_val_if_fail (self != NULL, TRUE);

  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      GArray *runs = g_ptr_array_index (self->paragraphs, i);

      if (runs->len > 0)
        return FALSE;
    }

  return TRUE;
}

static char *
to_string (ConveneRichText *self,
           gboolean         markup)
{
  GString *str = g_string_new (NULL);

  for (guint i = 0; i < self->paragraphs->len; i++)
    {
      GArray *runs = g_ptr_array_index (self->paragraphs, i);

      if (runs->len == 0)
        continue;

      if (str->len > 0)
        g_string_append (str, "\n\n");

      for (guint j = 0; j < runs->len; j++)
        {
          Run *r = &g_array_index (runs, Run, j);

          if (!markup)
            g_string_append (str, r->text);
          else if (r->url != NULL)
            {
              g_autofree char *href = g_markup_escape_text (r->url, -1);
              g_autofree char *text = g_markup_escape_text (r->text, -1);

              g_string_append_printf (str, "<a href=\"%s\">%s</a>", href, text);
            }
          else
            {
              g_autofree char *text = g_markup_escape_text (r->text, -1);

              g_string_append (str, text);
            }
        }
    }

  return g_string_free (str, FALSE);
}

/**
 * convene_rich_text_to_plain:
 * @self: a #ConveneRichText
 *
 * Returns: (transfer full): the text without link targets, paragraphs
 *   separated by a blank line
 */
char *
convene_rich_text_to_plain (ConveneRichText *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return to_string (self, FALSE);
}

/**
 * convene_rich_text_to_markup:
 * @self: a #ConveneRichText
 *
 * Returns: (transfer full): Pango markup with `<a href>` for the links,
 *   for a #GtkLabel
 */
char *
convene_rich_text_to_markup (ConveneRichText *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return to_string (self, TRUE);
}
