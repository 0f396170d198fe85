/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib.h>

/* The app icons against GNOME's app-icon grid, rendered by gdk-pixbuf's SVG
 * loader (librsvg) as the shell would: the full-colour icon fills one of the
 * grid's keyline shapes of its 128 px canvas, the symbolic one is 16 px and
 * of one colour, so GTK can recolour it.
 */

typedef struct
{
  const char *name;
  int x0, y0, x1, y1; /* the keyline's box, x1 and y1 excluded */
} Keyline;

static const Keyline keylines[] = {
  { "square", 16, 16, 112, 112 },
  { "landscape", 8, 20, 120, 108 },
  { "portrait", 20, 8, 108, 120 },
};

static char *
icon_path (const char *folder,
           const char *suffix)
{
  const char *top = g_getenv ("CONVENE_SOURCE_DIR");

  g_assert_nonnull (top);
  return g_strdup_printf ("%s/data/icons/hicolor/%s/apps/%s%s.svg", top, folder, APP_ID, suffix);
}

static GdkPixbuf *
load_at_intrinsic_size (const char *path,
                        int         expected_size)
{
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;
  int width = 0, height = 0;

  g_assert_nonnull (gdk_pixbuf_get_file_info (path, &width, &height));
  g_assert_cmpint (width, ==, expected_size);
  g_assert_cmpint (height, ==, expected_size);

  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_true (gdk_pixbuf_get_has_alpha (pixbuf));
  return pixbuf;
}

/* The box of the pixels at least half opaque: the antialiased fringe of a
 * shape's edge does not count. */
static void
opaque_box (GdkPixbuf *pixbuf,
            int       *x0,
            int       *y0,
            int       *x1,
            int       *y1)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);

  *x0 = width, *y0 = height, *x1 = 0, *y1 = 0;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      if (pixels[y * stride + x * 4 + 3] >= 128)
        {
          *x0 = MIN (*x0, x);
          *y0 = MIN (*y0, y);
          *x1 = MAX (*x1, x + 1);
          *y1 = MAX (*y1, y + 1);
        }
}

static void
test_scalable_on_grid (void)
{
  g_autofree char *path = icon_path ("scalable", "");
  g_autoptr(GdkPixbuf) pixbuf = load_at_intrinsic_size (path, 128);
  const Keyline *match = NULL;
  int x0, y0, x1, y1;

  opaque_box (pixbuf, &x0, &y0, &x1, &y1);
  g_test_message ("opaque box %d,%d to %d,%d", x0, y0, x1, y1);
  for (gsize i = 0; i < G_N_ELEMENTS (keylines); i++)
    {
      const Keyline *k = &keylines[i];

      /* One pixel either way: rounded corners and the loader's rounding. */
      if (ABS (x0 - k->x0) <= 1 && ABS (y0 - k->y0) <= 1 &&
          ABS (x1 - k->x1) <= 1 && ABS (y1 - k->y1) <= 1)
        match = k;
    }
  if (match == NULL)
    g_error ("the icon's shape (%d,%d to %d,%d) fits no keyline of GNOME's icon grid",
             x0, y0, x1, y1);
  g_test_message ("on the %s keyline", match->name);
}

static void
test_symbolic_one_colour (void)
{
  g_autofree char *path = icon_path ("symbolic", "-symbolic");
  g_autoptr(GdkPixbuf) pixbuf = load_at_intrinsic_size (path, 16);
  int stride = gdk_pixbuf_get_rowstride (pixbuf);
  const guint8 *pixels = gdk_pixbuf_read_pixels (pixbuf);
  const guint8 *first = NULL;
  int x0, y0, x1, y1;

  opaque_box (pixbuf, &x0, &y0, &x1, &y1);
  /* Drawn across most of the 16 px, as the symbolic grid asks. */
  g_assert_cmpint (x1 - x0, >=, 12);
  g_assert_cmpint (y1 - y0, >=, 8);

  for (int y = 0; y < 16; y++)
    for (int x = 0; x < 16; x++)
      {
        const guint8 *p = pixels + y * stride + x * 4;

        if (p[3] < 128)
          continue;
        if (first == NULL)
          first = p;
        for (int c = 0; c < 3; c++)
          g_assert_cmpint (ABS (p[c] - first[c]), <=, 8);
      }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/icons/scalable-on-grid", test_scalable_on_grid);
  g_test_add_func ("/icons/symbolic-one-colour", test_symbolic_one_colour);

  return g_test_run ();
}
