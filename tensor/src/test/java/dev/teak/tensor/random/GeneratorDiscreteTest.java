package dev.teak.tensor.random;

import static dev.teak.tensor.random.GeneratorTest.assertRejects;
import static org.junit.jupiter.api.Assertions.*;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.cpu.Parallel;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Bernoulli, categorical, permutation and randint draws against their exact distributions.
 * Chi-square bounds are the 0.999 quantiles for the stated degrees of freedom, so a right
 * sampler passes at these fixed seeds and a biased one fails by a wide margin.
 */
class GeneratorDiscreteTest {
    @Test
    void bernoulliFrequenciesMatchTheProbabilities() {
        Generator g = new Generator(3);
        int n = 40_000;
        double[] p = {0, 0.25, 0.5, 1};
        double[] probs = new double[p.length * n];
        for (int i = 0; i < probs.length; i++) probs[i] = p[i % p.length];
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            NdArray draws = g.bernoulli(NdArray.of(probs, n, p.length).to(dtype));
            assertEquals(DType.BOOL, draws.dtype());
            assertArrayEquals(new int[] {n, p.length}, draws.shape());
            boolean[] b = draws.toBooleanArray();
            for (int j = 0; j < p.length; j++) {
                int ones = 0;
                for (int i = 0; i < n; i++) if (b[i * p.length + j]) ones++;
                double sd = Math.sqrt(n * p[j] * (1 - p[j]));
                assertEquals(n * p[j], ones, 4 * sd, dtype + " p = " + p[j]);
            }
        }
        int ones = 0;
        for (boolean v : g.bernoulli(0.3, 100_000).toBooleanArray()) if (v) ones++;
        assertEquals(30_000, ones, 4 * Math.sqrt(1e5 * 0.21));

        assertRejects("[-0.5, 0.5]", () -> g.bernoulli(NdArray.of(new float[] {0.5f, -0.5f})));
        assertRejects("must lie in [0, 1]", () -> g.bernoulli(NdArray.of(new float[] {Float.NaN})));
        assertRejects("float32 or float64, got int64", () -> g.bernoulli(NdArray.of(new long[] {1})));
        assertRejects("got 1.5", () -> g.bernoulli(1.5, 3));
    }

    private static long[] counts(long[] idx, int k) {
        long[] c = new long[k];
        for (long i : idx) c[(int) i]++;
        return c;
    }

    @Test
    void categoricalWithReplacementMatchesTheWeights() {
        Generator g = new Generator(8);
        double[] w = {1, 2, 0, 3, 4}; // unnormalised, with a zero-weight category
        int n = 100_000;
        long[] idx = g.categorical(NdArray.of(w), n, true).toLongArray();
        long[] c = counts(idx, w.length);
        assertEquals(0, c[2], "a zero-weight category is never drawn");
        long[] obs = {c[0], c[1], c[3], c[4]};
        double[] exp = {0.1 * n, 0.2 * n, 0.3 * n, 0.4 * n};
        assertTrue(Stats.chiSquare(obs, exp) < 16.27, "chi-square (3 dof) " + Stats.chiSquare(obs, exp));

        // logits log(w) + 5 describe the same distribution (float32 input, 2-D with two different rows)
        float[] logits = {(float) Math.log(1) + 5, (float) Math.log(2) + 5, Float.NEGATIVE_INFINITY, (float) Math.log(3) + 5,
            (float) Math.log(4) + 5, 0, 0, 0, 0, 0};
        NdArray two = g.categoricalFromLogits(NdArray.of(logits, 2, 5), n, true);
        assertArrayEquals(new int[] {2, n}, two.shape());
        long[] rows = two.toLongArray();
        long[] c0 = counts(Arrays.copyOfRange(rows, 0, n), 5), c1 = counts(Arrays.copyOfRange(rows, n, 2 * n), 5);
        assertEquals(0, c0[2]);
        long[] obs0 = {c0[0], c0[1], c0[3], c0[4]};
        assertTrue(Stats.chiSquare(obs0, exp) < 16.27, "logits row 0 chi-square " + Stats.chiSquare(obs0, exp));
        double[] flat = new double[5];
        Arrays.fill(flat, n / 5.0);
        assertTrue(Stats.chiSquare(c1, flat) < 18.47, "logits row 1 chi-square (4 dof) " + Stats.chiSquare(c1, flat));
    }

    @Test
    void categoricalWithoutReplacementDrawsSequentially() {
        Generator g = new Generator(13);
        double[] p = {0.1, 0.2, 0.3, 0.4};
        int rows = 20_000;
        NdArray probs = NdArray.of(p).reshape(1, 4).expand(rows, 4); // a stride-0 view works too
        long[] idx = g.categorical(probs, 2, false).toLongArray();
        // P(first = i, second = j) = p_i p_j / (1 - p_i) for i != j
        long[] obs = new long[12];
        double[] exp = new double[12];
        for (int i = 0, cell = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                if (i == j) continue;
                exp[cell++] = rows * p[i] * p[j] / (1 - p[i]);
            }
        }
        for (int r = 0; r < rows; r++) {
            int i = (int) idx[2 * r], j = (int) idx[2 * r + 1];
            assertNotEquals(i, j, "row " + r + " repeats a category");
            obs[i * 3 + (j < i ? j : j - 1)]++;
        }
        assertTrue(Stats.chiSquare(obs, exp) < 31.26, "ordered-pair chi-square (11 dof) " + Stats.chiSquare(obs, exp));

        // asking for every category gives a permutation of them; zero weights come only when needed
        long[] all = g.categorical(NdArray.of(new double[] {0.5, 0, 0.5}), 2, false).toLongArray();
        Arrays.sort(all);
        assertArrayEquals(new long[] {0, 2}, all);
        assertRejects("only 2 categories of non-zero probability",
                () -> g.categorical(NdArray.of(new double[] {0.5, 0, 0.5}), 3, false));
    }

    @Test
    void categoricalRefusesBadInputByName() {
        Generator g = new Generator(1);
        assertRejects("row 1, column 0 is negative", () -> g.categorical(NdArray.of(new double[] {1, 1, -1, 2}, 2, 2), 1, true));
        assertRejects("row 0 sums to 0.0", () -> g.categorical(NdArray.of(new double[] {0, 0}), 1, true));
        assertRejects("every logit -inf",
                () -> g.categoricalFromLogits(NdArray.of(new double[] {Double.NEGATIVE_INFINITY}), 1, true));
        assertRejects("NaN", () -> g.categoricalFromLogits(NdArray.of(new double[] {0, Double.NaN}), 1, true));
        assertRejects("[2, 2, 2]", () -> g.categorical(NdArray.ones(2, 2, 2), 1, true));
        assertRejects("numSamples must be >= 1, got 0", () -> g.categorical(NdArray.ones(3), 0, true));
    }

    @Test
    void permutationIsAUniformPermutation() {
        Generator g = new Generator(21);
        long[] big = g.permutation(1000).toLongArray();
        long[] sorted = big.clone();
        Arrays.sort(sorted);
        for (int i = 0; i < 1000; i++) assertEquals(i, sorted[i], "permutation misses " + i);
        assertEquals(DType.INT64, g.permutation(3).dtype());
        assertEquals(0, g.permutation(0).numel());
        Generator.State s = g.state();
        long[] again = g.permutation(50).toLongArray();
        g.setState(s);
        assertArrayEquals(again, g.permutation(50).toLongArray());

        // value v lands at position q with probability 1/6: a 6 x 6 table with (6-1)^2 = 25 dof
        int n = 6, draws = 12_000;
        long[] table = new long[n * n];
        for (int t = 0; t < draws; t++) {
            long[] perm = g.permutation(n).toLongArray();
            for (int q = 0; q < n; q++) table[(int) perm[q] * n + q]++;
        }
        double[] exp = new double[n * n];
        Arrays.fill(exp, draws / (double) n);
        assertTrue(Stats.chiSquare(table, exp) < 52.62, "position chi-square " + Stats.chiSquare(table, exp));
        assertRejects("n must be >= 0, got -1", () -> g.permutation(-1));
    }

    @Test
    void randintIsUniformOverItsRange() {
        Generator g = new Generator(34);
        int n = 70_000;
        long[] x = g.randint(-3, 4, n).toLongArray();
        long[] c = new long[7];
        for (long v : x) {
            assertTrue(v >= -3 && v < 4, "value " + v);
            c[(int) (v + 3)]++;
        }
        double[] exp = new double[7];
        Arrays.fill(exp, n / 7.0);
        assertTrue(Stats.chiSquare(c, exp) < 22.46, "chi-square (6 dof) " + Stats.chiSquare(c, exp));
        for (long v : g.randint(Long.MAX_VALUE - 2, Long.MAX_VALUE, 100).toLongArray()) {
            assertTrue(v == Long.MAX_VALUE - 2 || v == Long.MAX_VALUE - 1, "value " + v);
        }
        assertArrayEquals(new long[] {5, 5, 5}, g.randint(5, 6, 3).toLongArray());
        assertRejects("lo < hi", () -> g.randint(3, 3, 2));
        assertRejects("more than 2^53", () -> g.randint(Long.MIN_VALUE, Long.MAX_VALUE, 2));
    }

    @Test
    void hostComputedDrawsDoNotDependOnTheThreadCount() {
        int saved = Parallel.threads();
        try {
            Parallel.setThreads(1);
            long[] a = new Generator(9).categorical(NdArray.ones(3000, 50), 40, true).toLongArray();
            double[] t = new Generator(9).truncatedNormal(DType.FLOAT64, 0, 1, -1, 2, 100_000).toDoubleArray();
            Parallel.setThreads(2);
            assertArrayEquals(a, new Generator(9).categorical(NdArray.ones(3000, 50), 40, true).toLongArray());
            assertArrayEquals(t, new Generator(9).truncatedNormal(DType.FLOAT64, 0, 1, -1, 2, 100_000).toDoubleArray());
        } finally {
            Parallel.setThreads(saved);
        }
    }
}
