/* layoutspec.h — page layouts as data: layouts/NAME.yaml → LaySpec.
 *
 * A layout file sets the page, the column grid and line grid, the type
 * sizes per font role and the page furniture; the composer's costs,
 * thresholds and proportions have their defaults in compose-costs.h and
 * may be overridden here (compose.costs).  The keys are
 * documented in layouts/broadsheet.yaml.  Geometry is given in mm in the
 * file and stored in pt; type sizes are pt.
 */
#pragma once

#include <glib.h>

#include "compose/compose-costs.h"

typedef struct {
  char    *name;            /* owned: "broadsheet" */
  char    *description;     /* owned, may be "" */

  /* page and type area (版心), pt */
  double   page_width;
  double   page_height;
  double   type_top;        /* top margin (天头): the 版眉 sits in it */
  double   type_height;     /* 版心 height as given; use lay_spec_rows() */

  /* grid */
  guint    columns;         /* basic columns (基本栏) */
  guint    column_chars;    /* body characters per basic column */
  double   gutter_chars;    /* 栏空 in body ems */
  double   body_size;       /* pt */
  double   body_pitch;      /* baseline to baseline, pt */
  gboolean column_rules;    /* hairline in every gutter between text columns */
  double   rule_width;      /* pt: column rules and thin separators */

  /* headline sizes (主题), pt, by module importance and width */
  double   head_lead;       /* 头条 of page 1 */
  double   head_major;      /* leads of other pages, modules ≥ major_columns */
  double   head_normal;     /* 2- and 3-column modules */
  double   head_small;      /* 1-column modules, continuation heads */
  guint    major_columns;   /* modules this wide or wider get head_major */
  double   kicker_size;     /* 引题 and 副题 of ordinary modules */
  double   kicker_lead;     /* 引题 and 副题 of leads */
  double   subhead_size;    /* ## subheads in the body */
  gboolean title_serif;     /* 主题 in the heavy serif (标宋, role title)
                               rather than the heavy sans (黑, role heading) */
  double   byline_size;
  double   caption_size;
  double   folio_size;      /* 版眉 and masthead data lines */

  /* masthead (报头, page 1) */
  guint    masthead_rows;   /* body lines the masthead band takes */
  guint    masthead_columns;/* columns under the paper's name */
  double   masthead_size;   /* pt of the paper's name */
  double   masthead_color[3]; /* RGB 0..1 */
  double   running_head_gap;/* pt between the 版眉 rule and the 版心 */

  /* composition */
  guint    lead_columns;    /* preferred width of a page's lead module */
  guint    wide_columns;    /* preferred width of long ordinary modules */
  guint    min_module_rows; /* a module below this height is not started */
  guint    stretch_rows;    /* a module may grow its head zone by this many
                               lines to close a gap at a column foot */
  gboolean keep_edition_pages; /* every article starts on its edition
                               page (earlier ones are cut to make room);
                               FALSE: articles that do not fit move whole
                               to the next print page, same section */
  gboolean flow;            /* one-column screens that read like a book:
                               articles run on from screen to screen, each
                               print page starts a screen under a divider
                               (compose-flow.c) */
  guint    band_gap_rows;   /* white lines between two bands of modules
                               (a rule in the middle): wide enough that a
                               reader, or a text extractor, sees the band
                               break before the column gutters */
  guint    figure_max_rows; /* tallest figure, in body lines */
  gboolean picture_frames;  /* a caption-only figure is a picture frame (a
                               tinted box of a photo's proportions, its
                               caption under it); FALSE: its caption is set
                               as a note in the text */
  guint    frame_columns;   /* width of a landscape frame, in columns (a
                               portrait's frame is one column wide) */
  CompCosts costs;          /* compose-costs.h defaults, compose.costs overrides */

  /* the press PDF (epaper build --press) */
  double   press_bleed;       /* pt the page's ink may run past the trim */
  double   press_mark_offset; /* pt from the trim corner to a crop mark */
  double   press_mark_length; /* pt */
  double   press_mark_width;  /* pt, line width of the crop marks */
  double   press_masthead_cmyk[4]; /* the masthead colour on the plates, 0..1 */
  double   press_min_ppi;     /* a picture below this at its placed size is
                                 reported (newsprint: 200) */
  char    *press_profile;     /* owned: the output intent's CMYK ICC profile */
  char    *press_condition;   /* owned: its OutputConditionIdentifier */
} LaySpec;

/* Loads and validates a layout file.  Unknown keys, missing keys and values
 * out of range fail with EB_ERROR_INPUT "path:line: message".  Caller owns
 * the result. */
LaySpec *lay_spec_load       (const char *path, GError **error);

/* Loads @data_dir/layouts/@name.yaml; @name must be a plain name. */
LaySpec *lay_spec_load_named (const char *data_dir, const char *name, GError **error);

void     lay_spec_free       (LaySpec *spec);

/* Derived geometry, pt. */
double   lay_spec_column_width (const LaySpec *spec);  /* one basic column */
double   lay_spec_gutter       (const LaySpec *spec);  /* 栏空 */
double   lay_spec_type_width   (const LaySpec *spec);  /* columns + gutters */
double   lay_spec_type_left    (const LaySpec *spec);  /* 版心 centred */
guint    lay_spec_rows         (const LaySpec *spec);  /* body lines per column */
/* Left edge of basic column @col (0-based) and width of @n columns. */
double   lay_spec_column_x     (const LaySpec *spec, guint col);
double   lay_spec_span_width   (const LaySpec *spec, guint n);

/* Stable text dump of every key ("key = value\n", pt to 0.01). */
char    *lay_spec_dump         (const LaySpec *spec);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (LaySpec, lay_spec_free)
