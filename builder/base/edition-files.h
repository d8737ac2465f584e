/* edition-files.h — the names of the files in a built edition's folder:
 * the contract between the pipeline that writes them, the web reader that
 * links them and the archive that stores and lists them. */
#pragma once

#define BUILD_PDF_NAME   "edition.pdf"
#define BUILD_PRESS_NAME "edition-press.pdf"   /* with --press: for the printing plant */
#define BUILD_EPUB_NAME  "edition.epub"
#define BUILD_PAGES_DIR  "pages"     /* pages/p1.png, p1@2x.jpg or .png, p1-thumb.png … */
#define BUILD_LIST_NAME  ".epaper-build"  /* what the last build wrote here (base/stage.h) */
