package dev.teak.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.NdArray;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** ROC-AUC against the pairwise definition, ROUGE-L against brute-force LCS, exact match by hand. */
class RankingAndSequenceMetricsTest {
    @Test
    void rocAucHandWorked() {
        // scikit-learn's documented example: 3 of the 4 (positive, negative) pairs are ordered right.
        assertEquals(0.75, RocAuc.binary(new int[] {0, 0, 1, 1}, new double[] {0.1, 0.4, 0.35, 0.8}), 1e-12);
        // Ties: positives {0.5, 0.9}, negatives {0.5, 0.2}; pairs 0.5 vs 0.5 (tie, 1/2), the other three right: 3.5 / 4.
        assertEquals(0.875, RocAuc.binary(new int[] {0, 1, 0, 1}, new double[] {0.5, 0.5, 0.2, 0.9}), 1e-12);
        // All scores equal: every pair a tie.
        assertEquals(0.5, RocAuc.binary(new int[] {1, 0, 1}, new double[] {2, 2, 2}), 1e-12);
        assertEquals(0.0, Metrics.rocAuc(NdArray.of(new int[] {1, 0}), NdArray.of(new float[] {0f, 1f})), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> RocAuc.binary(new int[] {1, 1}, new double[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> RocAuc.binary(new int[] {1, 2}, new double[] {0, 1}));
        assertThrows(IllegalArgumentException.class, () -> RocAuc.binary(new int[] {1, 0}, new double[] {Double.NaN, 1}));
    }

    @Test
    void rocAucEqualsThePairwiseDefinition() {
        qt().withExamples(200).forAll(integers().between(2, 80), integers().between(1, 10), longs().all()).checkAssert((n, levels, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] y = r.ints(n, 0, 2).toArray();
            y[0] = 0;
            y[1] = 1;
            double[] s = new double[n];
            for (int i = 0; i < n; i++) s[i] = r.nextInt(levels) / 4.0; // few levels: many ties
            // P(score+ > score-) + 1/2 P(tie), over all pairs.
            double wins = 0;
            long pairs = 0;
            for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) {
                if (y[i] == 1 && y[j] == 0) {
                    pairs++;
                    wins += s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
                }
            }
            assertEquals(wins / pairs, RocAuc.binary(y, s), 1e-12);
        });
    }

    @Test
    void rougeLHandWorked() {
        // LCS("the cat sat on the mat", "the cat is on the mat") = "the cat on the mat": 5 of 6 tokens each way.
        RougeL.Score s = RougeL.score("The cat sat on the mat.", "the cat is on the mat");
        assertEquals(5.0 / 6, s.precision(), 1e-12);
        assertEquals(5.0 / 6, s.recall(), 1e-12);
        assertEquals(5.0 / 6, s.fMeasure(), 1e-12);
        // [1,2,3,4] vs [2,4,5]: LCS [2,4]; P = 2/4, R = 2/3, F1 = 2 (1/2)(2/3) / (1/2 + 2/3) = 4/7.
        RougeL.Score t = RougeL.score(new int[] {1, 2, 3, 4}, new int[] {2, 4, 5});
        assertEquals(0.5, t.precision(), 1e-12);
        assertEquals(2.0 / 3, t.recall(), 1e-12);
        assertEquals(4.0 / 7, t.fMeasure(), 1e-12);
        // beta = 2: F = 5 R P / (R + 4 P) = 5 (2/3)(1/2) / (2/3 + 2) = 5/8.
        assertEquals(5.0 / 8, RougeL.score(new int[] {1, 2, 3, 4}, new int[] {2, 4, 5}, 2).fMeasure(), 1e-12);
        assertEquals(0, RougeL.score(new int[] {}, new int[] {1}).fMeasure());
        assertEquals(List.of("it", "s", "2026"), RougeL.tokenize("It's 2026!"));
        assertEquals((4.0 / 7 + 1) / 2, Metrics.rougeL(List.of(new int[] {1, 2, 3, 4}, new int[] {7}),
                List.of(new int[] {2, 4, 5}, new int[] {7})), 1e-12);
    }

    /** LCS by brute force: the longest subset of {@code a} (in order) that is a subsequence of {@code b}. */
    private static int bruteLcs(int[] a, int[] b) {
        int best = 0;
        for (int mask = 0; mask < (1 << a.length); mask++) {
            int len = Integer.bitCount(mask);
            if (len <= best) continue;
            int j = 0;
            boolean ok = true;
            for (int i = 0; i < a.length && ok; i++) {
                if ((mask & (1 << i)) == 0) continue;
                while (j < b.length && b[j] != a[i]) j++;
                if (j == b.length) ok = false; else j++;
            }
            if (ok) best = len;
        }
        return best;
    }

    @Test
    void lcsEqualsBruteForce() {
        qt().withExamples(300).forAll(integers().between(0, 10), integers().between(0, 10), integers().between(1, 4), longs().all())
                .checkAssert((m, n, alphabet, seed) -> {
                    SplittableRandom r = new SplittableRandom(seed);
                    int[] a = r.ints(m, 0, alphabet).toArray(), b = r.ints(n, 0, alphabet).toArray();
                    int l = bruteLcs(a, b);
                    assertEquals(l, RougeL.lcsLength(a, b));
                    assertEquals(l, RougeL.lcsLength(b, a)); // LCS is symmetric
                    RougeL.Score s = RougeL.score(a, b);
                    assertEquals(l == 0 ? 0 : (double) l / m, s.precision(), 1e-12);
                    assertEquals(l == 0 ? 0 : (double) l / n, s.recall(), 1e-12);
                });
    }

    @Test
    void exactMatch() {
        assertEquals(0.5, Metrics.exactMatch(List.of(new int[] {1, 2}, new int[] {3}), List.of(new int[] {1, 2}, new int[] {3, 4})), 1e-12);
        assertEquals(1.0 / 3, Metrics.exactMatch(new String[] {"Paris", "paris", "x"}, new String[] {"Paris", "Paris", "y"}), 1e-12);
        assertEquals(0, Metrics.exactMatch(List.of(), List.of()));
        assertThrows(IllegalArgumentException.class, () -> Metrics.exactMatch(new String[] {"a"}, new String[] {}));
    }
}
