/* compose-costs.h — every tunable of the composer in one table: what a
 * page plan pays for (costs), the limits it keeps (thresholds), and the
 * proportions of heads and furniture (typography).
 *
 * Each entry is X (type, name, default, min, max, what it buys).  Costs are
 * in one unit: one line of white across one column costs white_cell (8).
 * A layout file may override any entry in a `costs:` mapping of its
 * `compose:` section (`compose: {costs: {cut: 250}}`), so that a designer's
 * change of priorities is a data change; lay_spec_dump() prints them all.
 * Type D is a double, U an unsigned count.
 */
#pragma once

#include <glib.h>

#define COMP_COSTS(X)                                                                         \
  /* ---- module shape */                                                                    \
  X (D, width_wider, 6, 0, 1e6, "each column a module is wider than its copy wants")          \
  X (D, width_narrower, 8, 0, 1e6, "each column a module is narrower than its copy wants")    \
  X (D, lead_not_widest, 1000, 0, 1e9, "a page lead (with the copy for it) not the widest")   \
  X (D, full_width_early, 100, 0, 1e6, "a module across the page while more copy waits")      \
  X (D, uniform_grid, 150, 0, 1e6, "a page of grid_modules+ modules in under grid_widths widths") \
  X (U, grid_modules, 4, 1, 100, "modules from which a page wants grid_widths widths")        \
  X (U, grid_widths, 3, 1, 24, "module widths a page of many modules wants")                  \
  /* ---- white */                                                                           \
  X (D, white_cell, 8, 0, 1e6, "each line of white across one column beyond a head's air")    \
  X (U, hole_rows, 3, 0, 100, "lines of white under a module's text a reader accepts")        \
  X (D, hole, 600, 0, 1e6, "a module leaving more than hole_rows white inside its band")      \
  X (D, under_base, 200, 0, 1e6, "where pages flow: white under a module beyond hole_rows")   \
  X (D, under_line, 40, 0, 1e6, "where pages flow: each such line of white")                  \
  X (D, under_deep, 150, 0, 1e6, "each line of a hole deeper than two short modules")         \
  X (D, short_foot, 500, 0, 1e6, "a band leaving less than a module's height under it")       \
  /* ---- cuts and jumps */                                                                  \
  X (D, cut, 300, 0, 1e6, "an article cut (continued on a later page)")                       \
  X (D, cut_last_page, 20000, 0, 1e6, "a cut on the edition's last page: a jump to a new page") \
  X (D, cut_above_foot, 300, 0, 1e6, "a cut in a band above the page foot")                   \
  X (D, cut_above_foot_flow, 2000, 0, 1e6, "the same where pages flow (the jump reads late)")  \
  X (D, cut_not_last, 400, 0, 1e6, "a cut module before the last of its band")                \
  X (D, cut_before_last_band, 400, 0, 1e6, "a cut before the page's last band")               \
  X (D, cut_before_last_band_flow, 1500, 0, 1e6, "the same where pages flow")                 \
  X (D, unstarted, 10000, 0, 1e9, "an article of the page that does not start on it")         \
  X (D, unstarted_flow, 60, 0, 1e9, "the same where pages flow (it moves to the next page)")  \
  X (D, continuation_left, 30, 0, 1e6, "a continuation offered to a page and not placed")     \
  X (D, continuation_later, 400, 0, 1e6, "a continuation set after one more own article")     \
  X (U, continuation_after_max, 3, 0, 20, "most own articles a continuation may follow")      \
  /* ---- the choice between whole-page plans (comp_best_target) */                          \
  X (D, plan_unstarted, 10000, 0, 1e9, "plan score: an article that does not start")          \
  X (D, plan_unstarted_flow, 20, 0, 1e9, "plan score: the same where pages flow")             \
  X (D, plan_cut, 100, 0, 1e6, "plan score: a cut")                                           \
  X (D, plan_cut_flow, 300, 0, 1e6, "plan score: a cut where pages flow")                     \
  X (D, plan_hole_line, 2, 0, 1e6, "plan score: each line of the page's largest hole")        \
  X (D, plan_module, 3, 0, 1e6, "plan score: each module, subtracted (more modules start)")   \
  X (U, plan_slots_max, 4, 1, 24, "most modules side by side a plan may require of a band")   \
  /* ---- search */                                                                          \
  X (U, beam_width, 5, 1, 100, "partial page plans kept at each band")                        \
  X (U, band_choices, 4, 1, 100, "cheapest next bands tried from each partial plan")          \
  /* ---- module limits */                                                                   \
  X (U, column_min_lines, 2, 1, 20, "fewest lines of a text column (else read across)")        \
  X (U, first_column_min_lines, 4, 1, 40, "fewest lines of a module's first text column")     \
  X (U, sliver_lines, 8, 1, 100, "a short text's module is not narrowed below this per column") \
  X (U, stagger_rows, 3, 0, 20, "heads side by side start at least this many lines apart")    \
  /* ---- screens that flow (compose.flow: compose-flow.c) */                                \
  X (U, flow_keep_lines, 3, 0, 20, "lines of its text a head keeps under it on its screen")   \
  X (D, flow_white_line, 10, 0, 1e6, "each line a screen ends short to keep lines together")  \
  X (D, flow_widow, 40, 0, 1e6, "a screen starting with a paragraph's last line alone")       \
  X (D, flow_orphan, 40, 0, 1e6, "a screen ending with a paragraph's first line alone")       \
  X (U, flow_divider_rows, 2, 1, 20, "lines of the divider naming a print page (第2版 · 要闻)") \
  X (D, flow_divider_scale, 1.3, 0.5, 4, "the divider's text in body sizes")                  \
  X (U, flow_figure_min_rows, 5, 1, 100, "fewest lines a picture shrinks to at a screen's foot") \
  X (U, flow_gap_rows, 1, 0, 20, "white lines between two articles on a screen")              \
  X (D, flow_rule_fraction, 0.3, 0, 1, "the rule between two articles, in measures")          \
  /* ---- head typography */                                                                 \
  X (D, title_pitch, 1.2, 1, 3, "主题 line pitch, in its size")                                \
  X (D, kicker_pitch, 1.35, 1, 3, "引题 and 副题 line pitch, in their size")                   \
  X (D, jump_title_pitch, 1.25, 1, 3, "a continuation's repeated head (接题) pitch")           \
  X (D, vertical_title_pitch, 1.25, 1, 3, "a vertical head's column pitch")                    \
  X (D, title_grow_max, 1.6, 1, 4, "most a one-line title grows to cross its gutters")        \
  X (D, title_shrink_fit, 0.98, 0.5, 1, "a title shrunk to one line fills this of it")       \
  X (D, title_shrink_min, 0.75, 0.3, 1, "least a title shrinks to stay on one line")         \
  /* ---- figures */                                                                         \
  X (D, picture_inset, 0.3, 0, 1, "lines of a picture's frame left white above its caption")  \
  X (D, frame_aspect, 1.5, 0.3, 4, "width over height of a picture frame (3:2 landscape)")     \
  X (D, portrait_aspect, 0.75, 0.3, 2, "width over height of a portrait's frame (3:4)")       \
  X (D, frame_aspect_min, 0.75, 0.3, 4, "a frame grown to fill its band: no taller than 3:4")     \
  X (D, frame_aspect_max, 2, 0.3, 8, "a frame shrunk to fit its slot: no flatter than 2:1")     \
  X (U, frame_columns_max, 3, 1, 24, "widest picture frame, in columns")                     \
  X (U, portrait_name_chars, 4, 2, 12, "longest caption read as a portrait's name, in chars") \
  X (U, credit_max_chars, 12, 3, 40, "longest credit (…摄) split off a caption's end, in chars") \
  X (D, frame_tint, 0.9, 0, 1, "grey of a picture frame's and a badge's tint (1 = white)")    \
  X (D, frame_line, 0.25, 0, 4, "a picture frame's hairline, pt")                             \
  X (D, box_line, 0.6, 0, 4, "the frame of a boxed notice and a badge, pt")                  \
  /* ---- furniture */                                                                       \
  X (D, furniture_pitch, 1.2, 1, 3, "pitch of furniture lines, in their size")                \
  X (D, folio_number_scale, 1.6, 0.5, 4, "版眉: 第N版 in folio sizes")                          \
  X (D, folio_section_scale, 1.3, 0.5, 4, "版眉: the section name in folio sizes")              \
  X (D, folio_rule_weight, 2.5, 0.1, 10, "版眉: the 眉线 in rule widths")                        \
  X (D, separator_weight, 1.5, 0.1, 10, "the rule under a module in rule widths")             \
  X (D, masthead_rule_weight, 4, 0.1, 20, "the heavy line of the masthead's 文武线")            \
  X (D, masthead_name_fill, 0.92, 0.3, 1, "most of its columns the paper's name fills")    \
  X (D, masthead_data_step, 1.35, 1, 4, "closest the masthead's data lines come, in folio sizes") \
  X (D, banner_scale, 1, 0.3, 3, "a page banner's main line in page-lead head sizes")        \
  X (D, banner_deck_scale, 1, 0.3, 3, "a banner's second line (after ——) in lead kicker sizes") \
  X (U, banner_air, 2, 0, 10, "lines of air under a page banner, its rule in them (a break)") \
  X (D, badge_scale, 1, 0.3, 4, "a column badge's text in kicker sizes")                     \
  /* ---- a page composed tight: its copy ran past the edition's last page \
   * with its picture frames dropped as well (comp_edition_new) */          \
  X (D, tight_head_scale, 0.75, 0.5, 1, "head and kicker sizes on a page composed tight")     \
  X (U, tight_band_gap_rows, 1, 1, 10, "most white lines between bands on it")              \
  X (U, tight_stretch_rows, 0, 0, 20, "most lines a head zone grows by on it")              \
  X (D, tight_banner_scale, 0.8, 0.3, 1, "its banner's sizes, times banner_scale")          \
  X (U, tight_banner_air, 1, 0, 10, "most lines of air under its banner")                   \
  /* ---- how badly an edition fills its pages, in lines of white        \
   * (comp_edition_badness: frames kept where they fit) */               \
  X (D, bad_page, 1000, 0, 1e6, "each page of the edition")                                  \
  X (D, bad_hole_line, 20, 0, 1e6, "each line of a band hole deeper than hole_rows")

typedef struct {
#define COMP_COST_FIELD_D double
#define COMP_COST_FIELD_U guint
#define COMP_COST_FIELD(type, name, value, min, max, doc) COMP_COST_FIELD_##type name;
  COMP_COSTS (COMP_COST_FIELD)
#undef COMP_COST_FIELD
} CompCosts;

/* Fixed by the code's shape (array sizes, search grids), not by a layout: */
#define COMP_BAND_SLOTS 5    /* most modules side by side in a band */
#define COMP_BAND_STACK 6    /* most modules stacked in a band's last slot */
#define COMP_BAND_MODS (COMP_BAND_SLOTS + COMP_BAND_STACK)
/* preferred module heights a page plan tries, as fractions of a column
 * (the first is the default) */
#define COMP_TARGETS { 0.42, 0.3, 0.6, 0.85 }
#define COMP_TARGET0 0.42
/* most rows a module may take, tried in turn when a page's articles cannot
 * all start at full height: none, then 2/3, 1/2, 1/3, 1/4 of a column */
#define COMP_CAPS(rows) { G_MAXUINT, (rows) * 2 / 3, (rows) / 2, (rows) / 3, (rows) / 4 }
/* plan score of a page plan that places nothing */
#define COMP_NO_PLAN 1e9

/* Sets every entry of @costs to its default. */
void comp_costs_init (CompCosts *costs);
