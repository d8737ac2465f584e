/* test-safety.c — what the program refuses and how it reads and writes
 * (base/safe-io.c, base/image.c, base/textcheck.c, base/stage.c) and the
 * source loader's refusals built on them: symbolic links out of the
 * edition, special and oversized files, images too large, truncated or
 * not images, hostile YAML and characters no output can show. */
#include "base/errors.h"
#include "base/image.h"
#include "base/safe-io.h"
#include "base/stage.h"
#include "base/textcheck.h"
#include "model/model.h"
#include "testutil.h"

#include <errno.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *const EDITION_YAML =
  "paper: 测试日报\n"
  "date: 2024-05-20\n"
  "pages:\n"
  "  - section: 要闻\n"
  "    articles:\n"
  "      - a.md\n";

static const char *const ARTICLE = "---\ntitle: 标题\n---\n正文第一段。\n";

/* A folder holding the edition folder "ed" and, beside it, "outside" with
 * a secret file the edition must never reveal. */
static char *
make_root (char **ed_out)
{
  char *root = tu_mkdtemp ();

  tu_write (root, "outside/secret.txt", "---\ntitle: 秘密\n---\n机密内容。\n");
  tu_copy (TU_SAMPLE_JPEG, root, "outside/photo.jpg");
  *ed_out = g_build_filename (root, "ed", NULL);
  tu_write (*ed_out, "edition.yaml", EDITION_YAML);
  tu_write (*ed_out, "a.md", ARTICLE);
  return root;
}

static void
symlink_to (const char *target, const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);

  g_unlink (path);
  g_assert_cmpint (symlink (target, path), ==, 0);
}

/* Loads @dir and asserts an input error containing @what. */
static void
assert_load_fails (const char *dir, const char *what)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) ed = ed_edition_load (dir, &error);

  g_assert_null (ed);
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  if (!strstr (error->message, what))
    g_error ("message '%s' lacks '%s'", error->message, what);
}

/* ------------------------------------------------------------ safe-io */

static void
test_path_normalize (void)
{
  static const struct { const char *in, *out; } cases[] = {
    { "a.md", "a.md" }, { "./a.md", "a.md" }, { "photos//p.jpg", "photos/p.jpg" },
    { "./photos/./p.jpg", "photos/p.jpg" }, { "../a.md", NULL }, { "photos/../../a", NULL },
    { "/etc/passwd", NULL }, { "http://x/y.jpg", NULL }, { "a\\b", NULL }, { "", NULL },
    { ".", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *got = eb_path_normalize (cases[i].in);
      g_assert_cmpstr (got, ==, cases[i].out);
    }
}

static void
test_read_beneath (void)
{
  g_autofree char *ed = NULL;
  g_autofree char *root = make_root (&ed);
  g_autofree char *secret = g_build_filename (root, "outside", "secret.txt", NULL);
  g_autofree char *outside = g_build_filename (root, "outside", NULL);
  g_autofree char *fifo = g_build_filename (ed, "pipe.md", NULL);
  g_autofree char *link = g_build_filename (ed, "link.md", NULL);
  g_autofree char *data = NULL;
  g_autoptr (GError) error = NULL;
  gsize len = 0;

  g_assert_true (eb_read_beneath (ed, "./a.md", 100, &data, &len, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (len, ==, strlen (ARTICLE));
  g_clear_pointer (&data, g_free);

  symlink_to (secret, ed, "link.md");
  g_assert_false (eb_read_beneath (ed, "link.md", 100, &data, NULL, &error));
  g_assert_cmpstr (error->message, ==, "is a symbolic link (not followed)");
  g_clear_error (&error);
  symlink_to (outside, ed, "sub");
  g_assert_false (eb_read_beneath (ed, "sub/secret.txt", 100, &data, NULL, &error));
  g_assert_cmpstr (error->message, ==, "is in 'sub', a symbolic link (not followed)");
  g_clear_error (&error);
  /* a FIFO: refused at once, not waited on */
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  g_assert_false (eb_read_beneath (ed, "pipe.md", 100, &data, NULL, &error));
  g_assert_cmpstr (error->message, ==, "is not a regular file");
  g_clear_error (&error);
  g_assert_false (eb_read_beneath (ed, "a.md", 10, &data, NULL, &error));
  g_assert_cmpstr (error->message, ==, "is too large (limit 0 MB)");
  g_clear_error (&error);
  g_assert_false (eb_read_beneath (ed, "none.md", 100, &data, NULL, &error));
  g_assert_cmpstr (error->message, ==, "not found");
  g_clear_error (&error);
  g_assert_false (eb_read_beneath (ed, "../outside/secret.txt", 100, &data, NULL, &error));
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  g_clear_error (&error);
  /* a file the user named may be a link; the check of type stays */
  g_assert_true (eb_read_path (link, TRUE, 1000, &data, NULL, &error));
  g_clear_pointer (&data, g_free);
  g_assert_false (eb_read_path (link, FALSE, 1000, &data, NULL, &error));
  g_clear_error (&error);
  g_assert_false (eb_read_path ("/dev/zero", TRUE, 1000, &data, NULL, &error));
  g_assert_cmpstr (error->message, ==, "is not a regular file");
  tu_rm_rf (root);
}

static void
test_rm_tree_keeps_link_targets (void)
{
  g_autofree char *ed = NULL;
  g_autofree char *root = make_root (&ed);
  g_autofree char *outside = g_build_filename (root, "outside", NULL);
  g_autofree char *secret = g_build_filename (outside, "secret.txt", NULL);
  g_autoptr (GError) error = NULL;

  symlink_to (outside, ed, "sub");
  symlink_to (secret, ed, "s.txt");
  g_assert_true (eb_rm_tree (ed, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (ed, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (secret, G_FILE_TEST_IS_REGULAR));
  g_assert_true (eb_rm_tree (ed, &error));   /* missing: no error */
  tu_rm_rf (root);
}

/* -------------------------------------------------------------- image */

static GBytes *
read_sample (const char *rel)
{
  g_autofree char *path = tu_path (rel);
  char *data = NULL;
  gsize len = 0;

  g_assert_true (g_file_get_contents (path, &data, &len, NULL));
  return g_bytes_new_take (data, len);
}

static guint32
png_crc (const guint8 *p, gsize n)
{
  guint32 c = 0xffffffffu;

  for (gsize i = 0; i < n; i++)
    {
      c ^= p[i];
      for (int k = 0; k < 8; k++)
        c = (c >> 1) ^ (0xedb88320u & -(c & 1));
    }
  return c ^ 0xffffffffu;
}

static void
put32 (guint8 *p, guint32 v)
{
  p[0] = v >> 24, p[1] = v >> 16, p[2] = v >> 8, p[3] = v;
}

/* A valid PNG header (and IEND) declaring @w × @h pixels, no pixels. */
static GBytes *
png_header_only (guint32 w, guint32 h)
{
  guint8 d[8 + 25 + 12] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  guint8 *ihdr = d + 8;

  put32 (ihdr, 13);
  memcpy (ihdr + 4, "IHDR", 4);
  put32 (ihdr + 8, w);
  put32 (ihdr + 12, h);
  ihdr[16] = 8, ihdr[17] = 2;   /* 8-bit RGB */
  put32 (ihdr + 21, png_crc (ihdr + 4, 17));
  put32 (d + 33, 0);
  memcpy (d + 37, "IEND", 4);
  put32 (d + 41, png_crc (d + 37, 4));
  return g_bytes_new (d, sizeof d);
}

/* The sample JPEG with its frame header declaring @w × @h. */
static GBytes *
jpeg_declaring (guint w, guint h)
{
  g_autoptr (GBytes) src = read_sample (TU_SAMPLE_JPEG);
  gsize len = g_bytes_get_size (src);
  guint8 *d = g_memdup2 (g_bytes_get_data (src, NULL), len);

  for (gsize i = 2; i + 9 < len; i++)
    if (d[i] == 0xff && d[i + 1] == 0xc0)
      {
        d[i + 5] = h >> 8, d[i + 6] = h & 0xff, d[i + 7] = w >> 8, d[i + 8] = w & 0xff;
        return g_bytes_new_take (d, len);
      }
  g_assert_not_reached ();
}

static void
assert_probe (GBytes *b, const char *what)
{
  g_autoptr (GError) error = NULL;
  EbImageInfo info;
  gboolean ok = eb_image_probe (g_bytes_get_data (b, NULL), g_bytes_get_size (b), &info, &error);

  if (!what)
    {
      g_assert_no_error (error);
      g_assert_true (ok);
      return;
    }
  g_assert_false (ok);
  g_assert_error (error, EB_ERROR, EB_ERROR_INPUT);
  if (!strstr (error->message, what))
    g_error ("message '%s' lacks '%s'", error->message, what);
}

static void
test_image_probe (void)
{
  g_autoptr (GBytes) jpeg = read_sample (TU_SAMPLE_JPEG);
  g_autoptr (GBytes) png = read_sample (TU_SAMPLE_PNG);
  g_autoptr (GBytes) jpeg_cut = g_bytes_new_from_bytes (jpeg, 0, g_bytes_get_size (jpeg) / 2);
  g_autoptr (GBytes) png_cut = g_bytes_new_from_bytes (png, 0, g_bytes_get_size (png) - 100);
  g_autoptr (GBytes) jpeg_huge = jpeg_declaring (20000, 20000);
  g_autoptr (GBytes) jpeg_wide = jpeg_declaring (30000, 10);
  g_autoptr (GBytes) png_huge = png_header_only (20000, 20000);
  g_autoptr (GBytes) png_empty = png_header_only (300, 200);
  g_autoptr (GBytes) gif = g_bytes_new_static ("GIF89a\x01\x00\x01\x00", 10);
  EbImageInfo info;

  g_assert_true (eb_image_probe (g_bytes_get_data (jpeg, NULL), g_bytes_get_size (jpeg), &info,
                                 NULL));
  g_assert_cmpint (info.format, ==, EB_IMAGE_JPEG);
  g_assert_cmpuint (info.width, ==, 16);
  g_assert_true (eb_image_probe (g_bytes_get_data (png, NULL), g_bytes_get_size (png), &info,
                                 NULL));
  g_assert_cmpint (info.format, ==, EB_IMAGE_PNG);
  g_assert_cmpuint (info.width, ==, 300);
  g_assert_cmpuint (info.height, ==, 200);
  assert_probe (jpeg_cut, "corrupt or truncated JPEG");
  assert_probe (png_cut, "corrupt or truncated PNG");
  assert_probe (png_empty, "corrupt or truncated PNG");
  /* refused from the header: nothing of 400 megapixels is allocated */
  assert_probe (jpeg_huge, "is a JPEG of 20000 × 20000 pixels, over the limit of 50 megapixels");
  assert_probe (jpeg_wide, "over the limit of 20000 pixels a side");
  assert_probe (png_huge, "is a PNG of 20000 × 20000 pixels, over the limit of 50 megapixels");
  assert_probe (gif, "is not a JPEG or PNG image");
  /* the header alone: sizes, no decoding */
  g_assert_true (eb_image_probe_header (g_bytes_get_data (png_empty, NULL),
                                        g_bytes_get_size (png_empty), &info, NULL));
}

/* ---------------------------------------------------------- textcheck */

static void
test_text_characters (void)
{
  static const gunichar bad[] = { 0x1b, 0x07, 0x00, 0x7f, 0x85, 0x9b, 0xfdd0, 0xfdef, 0xfffe,
                                  0xffff, 0x1fffe, 0x10ffff };
  static const gunichar good[] = { '\t', '\n', 'a', 0x4e2d, 0x3000, 0xfdcf, 0xfdf0, 0xfffd,
                                   0x202e, 0x1f600, 0x20000 };
  g_autofree char *stripped = NULL;
  gunichar first = 0;

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (eb_char_is_text (bad[i]));
  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    g_assert_true (eb_char_is_text (good[i]));
  g_assert_cmpstr (eb_char_kind (0xfdd0), ==, "a noncharacter");
  g_assert_cmpstr (eb_char_kind (0x1b), ==, "a control character");
  g_assert_null (eb_text_find_bad ("正文 text", -1));
  stripped = eb_text_strip_bad ("前\xef\xb7\x90中\x1b[31m后", -1, &first);
  g_assert_cmpstr (stripped, ==, "前中[31m后");
  g_assert_cmpuint (first, ==, 0xfdd0);
  g_assert_null (eb_text_strip_bad ("干净", -1, NULL));
}

/* -------------------------------------------------------------- stage */

static void
assert_text (const char *dir, const char *name, const char *expect)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree char *data = NULL;

  g_assert_true (g_file_get_contents (path, &data, NULL, NULL));
  g_assert_cmpstr (data, ==, expect);
}

static gboolean
exists (const char *dir, const char *name)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  struct stat sb;

  return lstat (path, &sb) == 0;
}

/* One run: writes @files (name, text pairs, NULL-terminated) into a new
 * stage of @out and commits it with @flags. */
static gboolean
stage_run (const char *out, EbStageFlags flags, GError **error, ...)
{
  g_autoptr (EbStage) st = eb_stage_open (out, ".list", error);
  va_list ap;
  const char *name;

  if (!st)
    return FALSE;
  va_start (ap, error);
  while ((name = va_arg (ap, const char *)))
    tu_write (eb_stage_path (st), name, va_arg (ap, const char *));
  va_end (ap);
  return eb_stage_commit (st, flags, error);
}

static void
test_stage_replace (void)
{
  g_autofree char *root = tu_mkdtemp ();
  g_autofree char *out = g_build_filename (root, "out", NULL);
  g_autofree char *elsewhere = g_build_filename (root, "elsewhere", NULL);
  g_autofree char *pages = g_build_filename (out, "pages", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (stage_run (out, EB_STAGE_REPLACE, &error, "a.pdf", "1", "pages/p1.png", "1",
                            "pages/p2.png", "1", "reader/text/x.js", "1", ".scratch", "s", NULL));
  g_assert_no_error (error);
  g_assert_true (exists (out, "pages/p2.png") && exists (out, "reader/text/x.js"));
  g_assert_false (exists (out, ".scratch"));
  /* the desk's own files, one with a preview's name */
  tu_write (out, "pages/p9.png", "desk");
  tu_write (out, "notes.txt", "desk");
  g_assert_true (stage_run (out, EB_STAGE_REPLACE, &error, "a.pdf", "2", "pages/p1.png", "2",
                            NULL));
  g_assert_no_error (error);
  assert_text (out, "a.pdf", "2");
  g_assert_false (exists (out, "pages/p2.png"));
  g_assert_false (exists (out, "reader"));   /* emptied, so removed */
  g_assert_true (exists (out, "pages/p9.png") && exists (out, "notes.txt"));
  /* a link where a folder goes is never written through */
  g_mkdir_with_parents (elsewhere, 0755);
  tu_rm_rf (pages);
  symlink_to (elsewhere, out, "pages");
  g_assert_false (stage_run (out, EB_STAGE_REPLACE, &error, "a.pdf", "3", "pages/p1.png", "3",
                             NULL));
  g_assert_error (error, EB_ERROR, EB_ERROR_OUTPUT);
  g_assert_nonnull (strstr (error->message, "pages: is a symbolic link"));
  g_clear_error (&error);
  g_assert_false (exists (elsewhere, "p1.png"));
  assert_text (out, "a.pdf", "2");   /* nothing moved */
  tu_rm_rf (root);
}

static void
test_stage_failed_and_killed_runs (void)
{
  g_autofree char *root = tu_mkdtemp ();
  g_autofree char *out = g_build_filename (root, "new", NULL);
  g_autoptr (GError) error = NULL;
  EbStage *st;

  /* a run that made OUT and failed leaves no OUT */
  st = eb_stage_open (out, ".list", &error);
  g_assert_no_error (error);
  tu_write (eb_stage_path (st), "a.pdf", "partial");
  eb_stage_free (st);
  g_assert_false (g_file_test (out, G_FILE_TEST_EXISTS));
  /* a killed run's stage is removed by the next one */
  tu_write (out, EB_STAGE_PREFIX "dead12/a.pdf.XXXXXX.tmp", "partial");
  g_assert_true (stage_run (out, EB_STAGE_REPLACE, &error, "a.pdf", "1", NULL));
  g_assert_false (exists (out, EB_STAGE_PREFIX "dead12"));
  tu_rm_rf (root);
}

static void
test_stage_keep_edits (void)
{
  g_autofree char *root = tu_mkdtemp ();
  g_autofree char *out = g_build_filename (root, "src", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (stage_run (out, EB_STAGE_KEEP_EDITS, &error, "edition.yaml", "y1", "p1-1.md",
                            "one", "p1-2.md", "two", NULL));
  /* the same bytes again, and the desk's extra file: no conflict, kept */
  tu_write (out, "extra.md", "the desk's");
  g_assert_true (stage_run (out, EB_STAGE_KEEP_EDITS, &error, "edition.yaml", "y1", "p1-1.md",
                            "one", "p1-2.md", "two", NULL));
  g_assert_no_error (error);
  /* an edited file is neither replaced nor removed, and nothing changes */
  tu_write (out, "p1-1.md", "edited");
  g_assert_false (stage_run (out, EB_STAGE_KEEP_EDITS, &error, "edition.yaml", "y2", "p1-1.md",
                             "new", NULL));
  g_assert_error (error, EB_ERROR, EB_ERROR_OUTPUT);
  g_assert_nonnull (strstr (error->message, "p1-1.md: changed since it was written"));
  g_assert_nonnull (strstr (error->message, "--force"));
  g_clear_error (&error);
  assert_text (out, "p1-1.md", "edited");
  assert_text (out, "edition.yaml", "y1");
  g_assert_true (exists (out, "p1-2.md"));
  /* a file nobody listed at a name the run writes */
  tu_write (out, "p1-3.md", "the desk's own");
  g_assert_false (stage_run (out, EB_STAGE_KEEP_EDITS, &error, "p1-3.md", "new", NULL));
  g_assert_nonnull (strstr (error->message, "p1-3.md: not written by an earlier run"));
  g_clear_error (&error);
  /* forced: replaced and removed, but what no run wrote stays */
  g_assert_true (stage_run (out, EB_STAGE_KEEP_EDITS | EB_STAGE_FORCE, &error, "edition.yaml",
                            "y2", "p1-1.md", "new", NULL));
  g_assert_no_error (error);
  assert_text (out, "p1-1.md", "new");
  g_assert_false (exists (out, "p1-2.md"));
  g_assert_true (exists (out, "extra.md") && exists (out, "p1-3.md"));
  tu_rm_rf (root);
}

/* ------------------------------------------------------------- model */

static void
test_model_symlinks (void)
{
  g_autofree char *ed = NULL;
  g_autofree char *root = make_root (&ed);
  g_autofree char *outside = g_build_filename (root, "outside", NULL);
  g_autofree char *secret = g_build_filename (outside, "secret.txt", NULL);
  g_autofree char *photo = g_build_filename (outside, "photo.jpg", NULL);
  g_autofree char *yaml = g_build_filename (ed, "edition.yaml", NULL);
  g_autofree char *yaml_out = g_build_filename (outside, "edition.yaml", NULL);
  g_autofree char *photos = g_build_filename (ed, "photos", NULL);

  /* an article linked to a file outside the folder */
  symlink_to (secret, ed, "a.md");
  assert_load_fails (ed, "edition.yaml:6: article 'a.md' is a symbolic link (not followed)");
  /* an image linked out of it, and a linked folder of images */
  tu_write (ed, "a.md", "---\ntitle: 标题\n---\n正文。\n\n![说明](photos/p.jpg)\n");
  g_mkdir_with_parents (photos, 0755);
  symlink_to (photo, ed, "photos/p.jpg");
  assert_load_fails (ed, "a.md:6: image 'photos/p.jpg' is a symbolic link (not followed)");
  tu_rm_rf (photos);
  symlink_to (outside, ed, "photos");
  tu_write (ed, "a.md", "---\ntitle: 标题\n---\n正文。\n\n![说明](photos/photo.jpg)\n");
  assert_load_fails (ed, "image 'photos/photo.jpg' is in 'photos', a symbolic link");
  tu_write (ed, "a.md", ARTICLE);
  /* edition.yaml itself */
  g_assert_true (g_rename (yaml, yaml_out) == 0);
  symlink_to (yaml_out, ed, "edition.yaml");
  assert_load_fails (ed, "edition.yaml is a symbolic link (not followed)");
  tu_rm_rf (root);
}

static void
test_model_special_and_large_files (void)
{
  g_autofree char *ed = NULL;
  g_autofree char *root = make_root (&ed);
  g_autofree char *fifo = g_build_filename (ed, "a.md", NULL);
  g_autofree char *big = g_build_filename (ed, "a.md", NULL);
  g_autoptr (GString) text = g_string_new ("---\ntitle: 标题\n---\n");

  g_unlink (fifo);
  g_assert_cmpint (mkfifo (fifo, 0644), ==, 0);
  assert_load_fails (ed, "article 'a.md' is not a regular file");
  g_unlink (fifo);
  while (text->len <= EB_TEXT_MAX_BYTES)
    g_string_append (text, "正文正文正文正文正文正文正文正文正文正文。\n");
  g_assert_true (g_file_set_contents (big, text->str, (gssize) text->len, NULL));
  assert_load_fails (ed, "article 'a.md' is too large (limit 8 MB)");
  tu_rm_rf (root);
}

static void
test_model_images (void)
{
  g_autofree char *ed = NULL;
  g_autofree char *root = make_root (&ed);
  g_autoptr (GBytes) huge = jpeg_declaring (20000, 20000);
  g_autoptr (GBytes) jpeg = read_sample (TU_SAMPLE_JPEG);
  g_autofree char *path = g_build_filename (ed, "p.jpg", NULL);

  tu_write (ed, "a.md", "---\ntitle: 标题\n---\n正文。\n\n![说明](p.jpg)\n");
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (huge, NULL),
                                      (gssize) g_bytes_get_size (huge), NULL));
  assert_load_fails (ed, "a.md:6: image 'p.jpg' is a JPEG of 20000 × 20000 pixels, over the "
                         "limit of 50 megapixels");
  g_assert_true (g_file_set_contents (path, g_bytes_get_data (jpeg, NULL),
                                      (gssize) g_bytes_get_size (jpeg) - 200, NULL));
  assert_load_fails (ed, "a.md:6: image 'p.jpg' is a corrupt or truncated JPEG");
  g_assert_true (g_file_set_contents (path, "GIF89a", 6, NULL));
  assert_load_fails (ed, "a.md:6: image 'p.jpg' is not a JPEG or PNG image");
  tu_rm_rf (root);
}

static void
write_yaml_and_fail (const char *ed, const char *yaml, const char *article, const char *what)
{
  tu_write (ed, "edition.yaml", yaml ? yaml : EDITION_YAML);
  tu_write (ed, "a.md", article ? article : ARTICLE);
  assert_load_fails (ed, what);
}

static void
test_model_yaml (void)
{
  g_autofree char *ed = NULL;
  g_autofree char *root = make_root (&ed);
  g_autoptr (GString) deep = g_string_new ("paper: 报\ndate: 2024-05-20\nx: ");

  for (int i = 0; i < 100000; i++)
    g_string_append_c (deep, '[');
  write_yaml_and_fail (ed, deep->str, NULL, "edition.yaml:3: YAML nested deeper than 64 levels");
  write_yaml_and_fail (ed, "paper: 报\ndate: 2024-05-20\npages: [{section: 要闻, articles: [a.md]}]"
                           "\n---\npaper: 另一份\n", NULL,
                       "edition.yaml:4: a second YAML document");
  write_yaml_and_fail (ed, "paper: 报\ndate: 2024-05-20\ndate: 2024-05-21\npages: []\n", NULL,
                       "edition.yaml:3: 'date' given twice (also on line 2)");
  write_yaml_and_fail (ed, "paper: 报\ndate: 2024-05-20\npages:\n  - section: 要闻\n"
                           "    section: 时政\n    articles: [a.md]\n", NULL,
                       "edition.yaml:5: 'section' given twice");
  write_yaml_and_fail (ed, NULL, "---\ntitle: 甲\ntitle: 乙\n---\n正文。\n",
                       "a.md:3: 'title' given twice (also on line 2)");
  write_yaml_and_fail (ed, NULL, "---\ntitle: ~\n---\n正文。\n", "a.md:1: article has no 'title'");
  write_yaml_and_fail (ed, "paper: null\ndate: 2024-05-20\npages: [{articles: [a.md]}]\n", NULL,
                       "edition has no 'paper'");
  write_yaml_and_fail (ed, "paper: 报\ndate: 2024-05-20\nlanguage: zh_CN\n"
                           "pages: [{articles: [a.md]}]\n", NULL,
                       "edition.yaml:3: invalid language 'zh_CN' (want a BCP 47 tag");
  write_yaml_and_fail (ed, "paper: 报\ndate: 2024-05-20\nlayout: ../../etc/x\n"
                           "pages: [{articles: [a.md]}]\n", NULL,
                       "edition.yaml:3: invalid layout name '../../etc/x'");
  write_yaml_and_fail (ed, "paper: 报\ndate: 2024-05-20\npages: [{articles: [a.md, ./a.md]}]\n",
                       NULL, "edition.yaml:3: article './a.md' is listed twice");
  /* a title of "~" in quotes is a title */
  tu_write (ed, "edition.yaml", EDITION_YAML);
  tu_write (ed, "a.md", "---\ntitle: \"~\"\n---\n正文。\n");
  {
    g_autoptr (EdEdition) e = ed_edition_load (ed, NULL);
    g_assert_nonnull (e);
    g_assert_cmpstr (((EdArticle *) g_ptr_array_index (e->articles, 0))->title, ==, "~");
  }
  tu_rm_rf (root);
}

static void
test_model_characters (void)
{
  g_autofree char *ed = NULL;
  g_autofree char *root = make_root (&ed);

  /* YAML escapes make any character */
  write_yaml_and_fail (ed, NULL, "---\ntitle: \"\\e]0;pwned\\a\\e[31m标题\"\n---\n正文。\n",
                       "a.md:2: character U+001B (a control character) cannot be printed");
  write_yaml_and_fail (ed, "paper: \"报\\x9b\"\ndate: 2024-05-20\npages: [{articles: [a.md]}]\n",
                       NULL, "edition.yaml:1: character U+009B (a control character)");
  /* literal noncharacters in the body, and numeric references to them */
  write_yaml_and_fail (ed, NULL, "---\ntitle: 标题\n---\n第一段。\n\n第二段\xef\xb7\x90。\n",
                       "a.md:6: character U+FDD0 (a noncharacter) cannot be printed");
  write_yaml_and_fail (ed, NULL, "---\ntitle: 标题\n---\n正文&#x1FFFE;。\n",
                       "a.md:4: character U+1FFFE (a noncharacter)");
  write_yaml_and_fail (ed, NULL, "---\ntitle: 标题\n---\n正文&#27;[31m。\n",
                       "a.md:4: character U+001B (a control character)");
  write_yaml_and_fail (ed, NULL, "---\ntitle: 标题\nsignature: [\"甲\\uFFFE\"]\n---\n正文。\n",
                       "a.md:3: character U+FFFE (a noncharacter)");
  tu_rm_rf (root);
}

static void
test_model_folder_forms (void)
{
  g_autofree char *ed = NULL;
  g_autofree char *root = make_root (&ed);
  g_autofree char *slashed = g_strconcat (ed, "/", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (EdEdition) e = NULL;
  const EdArticle *a;

  tu_copy (TU_SAMPLE_JPEG, ed, "photos/p.jpg");
  /* two inline images in one paragraph (each becomes a figure) */
  tu_write (ed, "a.md", "---\ntitle: 标题\n---\n![一](photos/p.jpg)![二](./photos//p.jpg)\n");
  e = ed_edition_load (slashed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (e->dir, ==, ed);
  a = g_ptr_array_index (e->articles, 0);
  g_assert_cmpstr (a->src_name, ==, "a.md");
  g_assert_cmpuint (a->blocks->len, >=, 2);
  for (guint i = a->blocks->len - 2; i < a->blocks->len; i++)
    g_assert_cmpstr (((EdBlock *) g_ptr_array_index (a->blocks, i))->image, ==, "photos/p.jpg");
  tu_rm_rf (root);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/safety/path-normalize", test_path_normalize);
  g_test_add_func ("/safety/read-beneath", test_read_beneath);
  g_test_add_func ("/safety/rm-tree-keeps-link-targets", test_rm_tree_keeps_link_targets);
  g_test_add_func ("/safety/image-probe", test_image_probe);
  g_test_add_func ("/safety/text-characters", test_text_characters);
  g_test_add_func ("/safety/stage/replace", test_stage_replace);
  g_test_add_func ("/safety/stage/failed-and-killed-runs", test_stage_failed_and_killed_runs);
  g_test_add_func ("/safety/stage/keep-edits", test_stage_keep_edits);
  g_test_add_func ("/safety/model/symlinks", test_model_symlinks);
  g_test_add_func ("/safety/model/special-and-large-files", test_model_special_and_large_files);
  g_test_add_func ("/safety/model/images", test_model_images);
  g_test_add_func ("/safety/model/yaml", test_model_yaml);
  g_test_add_func ("/safety/model/characters", test_model_characters);
  g_test_add_func ("/safety/model/folder-forms", test_model_folder_forms);
  return g_test_run ();
}
