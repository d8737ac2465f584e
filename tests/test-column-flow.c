/* test-column-flow.c — flowing units into columns (comp_flow,
 * comp_flow_ends, comp_balance in builder/compose/compose-prep.c).
 *
 * comp_flow finds where each column ends by a binary search in the
 * article's row index.  Property test: on random articles (units of 0–4
 * rows, some keeping the next unit with them) and random columns, heights,
 * reserves, first rows and heads over the first columns, it places every
 * unit where the plain rule places it — a unit goes in the current column
 * if it (and the unit it keeps with it) ends above the column's limit, or
 * if it alone fits at the column's top; otherwise the flow goes on in the
 * next column — and comp_flow_ends and comp_balance agree with it.
 */
#include "compose/compose-private.h"
#include "testutil.h"

/* The rule, one unit at a time. */
static guint
ref_flow (const GArray *units, guint u0, guint k, guint n, guint reserve, guint first,
          guint lcols, guint ltop, guint *slots)
{
  guint col = 0, row = first + (lcols > 0 ? ltop : 0), u = u0;

  while (u < units->len && col < k)
    {
      const CompUnit *cu = &g_array_index (units, CompUnit, u);
      guint limit = col + 1 == k ? (n > reserve ? n - reserve : 0) : n;
      guint col_top = (col == 0 ? first : 0) + (col < lcols ? ltop : 0);
      guint need = cu->rows;

      if (cu->keep_with_next && u + 1 < units->len)
        need += g_array_index (units, CompUnit, u + 1).rows;
      if (row + need > limit && !(row == col_top && row + cu->rows <= limit))
        {
          col++;
          row = col < lcols ? ltop : 0;
          continue;
        }
      slots[2 * (u - u0)] = col;
      slots[2 * (u - u0) + 1] = row;
      row += cu->rows;
      u++;
    }
  return u;
}

static CompPrep *
random_prep (GRand *r)
{
  CompPrep *p = g_new0 (CompPrep, 1);
  guint len = (guint) g_rand_int_range (r, 0, 60);

  p->units = g_array_new (FALSE, TRUE, sizeof (CompUnit));
  p->figures = g_ptr_array_new ();
  for (guint u = 0; u < len; u++)
    {
      CompUnit cu = { 0 };

      /* mostly one-row lines, some taller blocks, a few empty */
      cu.rows = g_rand_int_range (r, 0, 10) < 7 ? 1 : (guint) g_rand_int_range (r, 0, 5);
      cu.keep_with_next = g_rand_int_range (r, 0, 7) == 0;
      g_array_append_val (p->units, cu);
    }
  comp_prep_index (p);
  return p;
}

static void
test_flow_matches_rule (void)
{
  g_autoptr (GRand) r = g_rand_new_with_seed (21);
  guint checked = 0, cut = 0;

  for (int t = 0; t < 4000; t++)
    {
      CompPrep *p = random_prep (r);
      guint len = p->units->len;
      guint u0 = len ? (guint) g_rand_int_range (r, 0, (gint32) len) : 0;
      guint k = (guint) g_rand_int_range (r, 1, 6), n = (guint) g_rand_int_range (r, 0, 25);
      guint reserve = (guint) g_rand_int_range (r, 0, 2), first = (guint) g_rand_int_range (r, 0, 3);
      guint lcols = (guint) g_rand_int_range (r, 0, (gint32) k + 1);
      guint ltop = lcols ? (guint) g_rand_int_range (r, 0, 8) : 0;
      g_autofree guint *want = g_new0 (guint, 2 * (len + 1));
      g_autofree guint *got = g_new0 (guint, 2 * (len + 1));
      g_autofree guint *ends = g_new0 (guint, k);
      guint end = ref_flow (p->units, u0, k, n, reserve, first, lcols, ltop, want);
      guint stop = u0 + (end > u0 ? (guint) g_rand_int_range (r, 0, (gint32) (end - u0) + 1) : 0);

      g_assert_cmpuint (comp_flow (p, u0, k, n, reserve, first, lcols, ltop, got), ==, end);
      g_assert_cmpmem (got, 2 * (end - u0) * sizeof (guint), want, 2 * (end - u0) * sizeof (guint));
      g_assert_cmpuint (comp_flow (p, u0, k, n, reserve, first, lcols, ltop, NULL), ==, end);
      /* the column ends of the units before @stop */
      for (guint c = 0; c < k; c++)
        ends[c] = G_MAXUINT;
      comp_flow_ends (p, u0, stop, k, n, reserve, first, lcols, ltop, ends);
      for (guint c = 0; c < k; c++)
        {
          guint last = G_MAXUINT;

          for (guint u = u0; u < stop; u++)
            if (want[2 * (u - u0)] == c)
              last = want[2 * (u - u0) + 1] + g_array_index (p->units, CompUnit, u).rows;
          g_assert_cmpuint (ends[c], ==, last);
        }
      /* the balanced height is the least whose flow holds every unit */
      if (len > 0 && lcols == 0)
        {
          guint h = comp_balance (p, u0, k, first, 0, 0);
          guint total = first, start;

          for (guint u = u0; u < len; u++)
            total += g_array_index (p->units, CompUnit, u).rows;
          start = total ? MAX ((total + k - 1) / k, 1u) : 0;
          if (total > 0)
            g_assert_cmpuint (ref_flow (p->units, u0, k, h, 0, first, 0, 0, want), ==, len);
          g_assert_cmpuint (h, >=, start);
          if (h > start)
            g_assert_cmpuint (ref_flow (p->units, u0, k, h - 1, 0, first, 0, 0, want), <, len);
        }
      checked++;
      cut += end < len;
      comp_prep_free (p);
    }
  /* both outcomes were exercised */
  g_assert_cmpuint (cut, >, checked / 10);
  g_assert_cmpuint (cut, <, checked - checked / 10);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/column-flow/matches-rule", test_flow_matches_rule);
  return g_test_run ();
}
