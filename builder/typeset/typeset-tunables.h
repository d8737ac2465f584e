/* typeset-tunables.h — every cost, demerit and threshold of the line
 * breaker in one table.  Costs add up over a paragraph; the breaker keeps
 * the set of breaks with the least total (typeset-fit.c).  Running-text
 * costs are plain numbers; display-line (headline) costs are in em² of
 * slack, the unit of their balance term. */
#pragma once

/* ---- running text: total fit ---------------------------------------- */

#define TS_LOOSE_GAP_EM      0.25   /* most a justified line may add at each gap, em,
                                       before the line counts as loose */
#define TS_COST_STRETCH      100.0  /* a line spread TS_LOOSE_GAP_EM at every gap (cubic
                                       in the spread) */
#define TS_COST_LOOSE        1e5    /* added for each loose line: more than any set of
                                       tight, compressed or extra lines of a paragraph */
#define TS_LOOSE_MAX         20.0   /* spread (in TS_LOOSE_GAP_EM) past which a line costs
                                       no more (and a line of one word, which has no
                                       gap), so loose lines stay cheaper than a split unit */
#define TS_COST_SHRINK       100.0   /* a line that takes all the blank of its ，、；：
                                       and brackets and ¼-em gap shrink (square) */
#define TS_COST_COMPRESS     100.0   /* added for any compressed line, so marks stay full
                                       width unless a line needs them (consistency) */
#define TS_COST_STOP_SHRINK  400.0  /* added when 。？！ must give up their blank too */
#define TS_GAP_SHRINK_EM     0.125  /* a ¼-em Han–Latin gap may shrink to ⅛ em */
#define TS_COST_LINE         2000.0 /* each line: a paragraph is not made a line longer
                                       to spare a few lines their compression */
#define TS_LAST_MIN          (1.0 / 3)  /* a last line should fill this much of the measure */
#define TS_COST_SHORT_LAST   150.0  /* ... or costs this much */
#define TS_COST_RAGGED       10.0   /* a ragged (unjustified) line per em² of slack */

/* ---- breaks nobody wants: the same in every mode -------------------- */

#define TS_COST_ORPHAN       1e7    /* last line of one character (paragraph of 2+ lines) */
#define TS_COST_UNIT         1e7    /* inside a compound, a name, a number with its unit or
                                       a run-in dateline: only a line too narrow for it */
#define TS_COST_PART         1e6    /* between the parts of a date or time (2023年 / 5月),
                                       when the whole is wider than the line */
#define TS_COST_URL          1e8    /* inside a URL or e-mail address after / . @ */
#define TS_COST_LATIN        1e9    /* inside a Latin word or a number */
#define TS_COST_FORCED       1e12   /* against the kinsoku rules, or a line wider than the
                                       measure: only when nothing else fits */

/* ---- display lines: headlines, subheads, bylines, signatures -------- */

#define TS_HEAD_COST_LINE    60.0   /* each line (em²): fewer lines first */
#define TS_HEAD_COST_PHRASE  2.0    /* break between two phrases (not at a space or mark) */
#define TS_HEAD_COST_WORD    40.0   /* break next to a one-character word */
#define TS_HEAD_COST_CHAR    1000.0 /* inside a word: worse than an extra line */
#define TS_HEAD_COST_NAME    200.0  /* added inside an organisation or place name */
#define TS_HEAD_COST_LONE    5000.0 /* a line of a single character */
#define TS_HEAD_COST_SLACK   1.0    /* per em² of a line's white (balance) */
#define TS_HEAD_COST_SHRINK  20.0   /* a line that takes all the blank of its marks (square;
                                       as much again for 。？！): cheaper than a line */
#define TS_NAME_MAX_CHARS    16     /* a name is read back at most this far from its ending */
#define TS_PHRASE_MAX_CHARS  24     /* longest entry of fonts/phrases.yaml */

/* ---- search bounds ---------------------------------------------------- */

#define TS_FIT_OVERRUN_EM    1.5    /* a line is tried while its text, less all shrink,
                                       is at most this much wider than the measure */
#define TS_INK_MARGIN_EM     0.06   /* blank kept between a mark's ink and its compressed edge */
