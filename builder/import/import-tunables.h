/* import-tunables.h — every threshold of the page analysis, in one table.
 * Widths are in ems of body text (a Han character 1, ASCII ½); a line's
 * measure is the width of the full lines of its text frame. */
#pragma once

/* ---- lines ---- */
#define IMP_LONG_MEASURE      40.0  /* a measure this wide: a paragraph a line, not a column … */
#define IMP_LONG_WINDOW          6  /* … or, of the text lines this near, … */
#define IMP_LONG_SHARE        0.30  /* … this share this wide */
#define IMP_GRID_MIN_WIDTH     5.0  /* narrower lines say nothing of the measure */
#define IMP_MEASURE_WINDOW       6  /* lines each side that estimate a line's measure */
#define IMP_MEASURE_SPLIT      1.5  /* left and right estimates further apart: a frame edge */
#define IMP_VERT_MIN_CELLS       2  /* one-glyph lines in a row that make a vertical head */
#define IMP_MARK_MIN           0.5  /* a punctuation mark is set ½ em wide or more … */
#define IMP_MARK_STEP          0.05 /* … the page's width found in steps of this */

/* ---- paragraphs ---- */
#define IMP_INDENT             2.0  /* a paragraph's first line is indented this much */
#define IMP_MEASURE_CHANGE     1.5  /* measures further apart: another text frame */
#define IMP_HEAD_MAX_WIDTH    40.0  /* a headline line is narrower than this … */
#define IMP_HEAD_LONG_MAX     40.0  /* … where paragraphs are printed a line each, than this */

/* ---- forms ---- */
#define IMP_NAME_MAX             4  /* a portrait name has 2 to this many characters */
#define IMP_BYLINE_MAX          30  /* a byline line has at most this many characters */
#define IMP_BADGE_MAX            6  /* a column badge has 2 to this many characters */
#define IMP_SIGN_MAX            24  /* a signature line has at most this many characters */
#define IMP_SLOGAN_MAX          24  /* a slogan by the running head, at most */
#define IMP_LABEL_MAX           40  /* a 时间：… line of a box, at most */

/* ---- matching heads to bodies ---- */
#define IMP_DOUBLE_SPACED     0.95  /* share of body lines after a blank on a double-spaced page */
#define IMP_GROUP_MAX_LINES      8  /* lines of one headline group, at most */
#define IMP_RUN_PARTITION_MAX   10  /* runs up to this many lines try every split */
#define IMP_SIM_CONFIDENT     0.45  /* a head this similar to a body tells the page's habit */
#define IMP_ADJ_BONUS         0.45  /* a head next to a body, in the page's habit … */
#define IMP_ADJ_FLOOR         0.70  /* … a head sharing no words with the body gets this share */
#define IMP_FAR_PENALTY       0.08  /* per segment between a head and its body */
#define IMP_FAR_RUN           0.20  /* per other headline run between them */
#define IMP_VERT_BONUS        0.30  /* a vertical head stands beside its own text */
#define IMP_SIM_RIVAL         0.80  /* × how much more the head resembles another body */
#define IMP_MATCH_MIN         0.10  /* a pair scoring less is no match */
#define IMP_SUBHEAD_MAX_LINES    2  /* a subhead has at most this many lines … */
#define IMP_SUBHEAD_MAX_WIDTH 16.0  /* … each at most this wide */
#define IMP_CAPTION_SIM       0.25  /* a caption this similar to a story belongs to it … */
#define IMP_CAPTION_FAR       0.05  /* … less per story between them */
#define IMP_FALLBACK_TITLE_MAX  40  /* a title made of a story's first clause is cut at this many characters */
#define IMP_BADGE_SIM         0.50  /* a short head line less similar than this: a badge */
#define IMP_GENERIC_SIM       0.20  /* a head this like three bodies … */
#define IMP_GENERIC_SHARE     0.60  /* … the third this near the first: the page's banner */
#define IMP_GENERIC_COST      0.50  /* such a head heads a story only on its text, less this */
#define IMP_BANNER_SIM        0.30  /* a banner cut off a head for nothing resembles no body more */

/* ---- the line states (import-para.c): first, middle, last line of a
 * paragraph, an unindented first line, a one-line paragraph, a headline
 * line.  Log-probabilities come from these. ---- */
#define IMP_WIDTH_SIGMA       0.45  /* spread of a full line's width around its measure */
#define IMP_WIDTH_OUTLIER     0.08  /* share of last lines whose width says nothing … */
#define IMP_WIDTH_OUTLIER_FULL 0.005 /* … of full and first lines … */
#define IMP_WIDTH_OUTLIER_WIDE 0.002 /* … of those wider than the measure by … */
#define IMP_WIDTH_OVER         1.5  /* … more than this */
#define IMP_SPREAD_MEAN        1.0  /* a letter-spaced line's glyphs fill all but this much of it, on average */
/* how lines end: a sentence (。！？…：；, or a closing mark after one), a
 * closing mark after text (“零突破”, （李勤）), or anything else; the
 * share of each ending for each state: */
#define IMP_P_FIRST_SENT      0.08  /* first lines */
#define IMP_P_FIRST_CLOSE     0.04
#define IMP_P_MID_SENT        0.12  /* middle lines */
#define IMP_P_MID_CLOSE       0.05
#define IMP_P_LAST_SENT       0.90  /* last lines, one-line paragraphs */
#define IMP_P_LAST_CLOSE      0.07
#define IMP_P_HEAD_SENT       0.03  /* headline lines */
#define IMP_P_HEAD_CLOSE      0.25
#define IMP_P_HEAD_STOP       0.02  /* a headline line holding 。 */
#define IMP_MARK_EVERY         8.0  /* running text has a mark (，、。) every so many ems … */
#define IMP_P_HEAD_MARK       0.25  /* … a headline line holds one this often */
#define IMP_P_SPACED_END      0.01  /* a letter-spaced line ending a paragraph or in a head */
#define IMP_P_PHRASE_TEXT     0.05  /* a text line with phrases apart (运动青春 筑梦未来) */
#define IMP_P_DASH_TEXT       0.05  /* a text line opening with —— (a 副题 does) */
#define IMP_P_TO_FIRST        0.60  /* after a paragraph or head: an indented paragraph … */
#define IMP_P_TO_FIRST0       0.06  /* … an unindented one (a caption, a new frame) */
#define IMP_P_TO_SINGLE       0.08  /* … a one-line paragraph */
#define IMP_P_TO_HEAD         0.26  /* … a headline */
#define IMP_P_HEAD_HEAD       0.45  /* a headline line followed by another */
#define IMP_P_FRAME_CONTINUE  0.15  /* a paragraph going on in a frame of another measure */
#define IMP_P_JOIN_BREAK      0.10  /* an item ending where a word reads on into the next line */

/* ---- the page's stories: cuts between paragraphs, heads matched to
 * bodies (import-match.c); the search maximises matched head scores plus
 * the gains of the joins it keeps, minus the costs below ---- */
#define IMP_HEADLESS_COST     0.30  /* a body with no head */
#define IMP_ORPHAN_COST       0.30  /* a head with no body */
#define IMP_BADGE_ORPHAN_COST 0.05  /* a column badge beside a head (it heads nothing) … */
#define IMP_BADGE_COVER       0.20  /* … less than this share of its words in any body */
#define IMP_COHESION_WEIGHT   0.60  /* joining two parts gains this × (cohesion − … */
#define IMP_COHESION_LEVEL    0.60  /* … this level): parts of one story share words
                                       (bigrams no other part has, per √ bigrams) */
#define IMP_COHESION_CAP      1.50  /* … the difference counted at most this much */
#define IMP_COHESION_PRIOR     8.0  /* a side of so many bigrams weighs as much as the level */
#define IMP_JOIN_PLAIN        0.80  /* a paragraph boundary inside a frame stays a join */
#define IMP_JOIN_MEASURE      0.05  /* … one where the measure changes, less so */
#define IMP_SUBHEAD_COST      0.10
#define IMP_SUBHEAD_SERIES    0.80  /* a short run inside a story like another such run:
                                       a series of subheads, its join gains this */
#define IMP_GROUP_COST        0.40  /* each group a run is cut into past the first … */
#define IMP_GROUP_COST_BLANK  0.00  /* … at a blank line, where others of the run have none */
#define IMP_SEARCH_ROUNDS       40  /* improving moves tried, at most */
#define IMP_TEASER_BASE       0.20  /* a head next to a teaser's jump line (见4版) … */
#define IMP_HABIT_MARGIN      0.15  /* … when no other body is nearly as similar */
#define IMP_SIM_SPLIT         0.20  /* an unmatched head this like a body may cut it */
#define IMP_HIDDEN_SIM        0.35  /* a text line next to a headless body this like it: its head */
#define IMP_HIDDEN_MIN_WIDTH   3.0  /* … at least this wide */
#define IMP_SIM_PRIOR         6.0   /* similarity = shared weight / (all weight + this): a
                                       two-character fragment proves little */
