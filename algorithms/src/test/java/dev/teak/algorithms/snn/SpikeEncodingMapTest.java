package dev.teak.algorithms.snn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import org.junit.jupiter.api.Test;

/** The embedding-to-probability map (spec test 7) and the Bernoulli spike code (spec test 6). */
class SpikeEncodingMapTest {
    /** A table whose rows 2.. have a known global mean 1 and standard deviation 2. */
    private static NdArray table() {
        // Rows 2..5 of width 2: values 1 +- 2 alternating -> mean 1, population std 2.
        float[] v = {9, 9, 7, 7, -1, 3, 3, -1, -1, 3, 3, -1};
        return NdArray.of(v, 6, 2);
    }

    @Test
    void mapSendsMeanToHalfAndThreeSigmaToTheEnds() {
        EmbeddingShift e = new EmbeddingShift(table(), false);
        assertEquals(1, e.mean(), 1e-12);
        assertEquals(2, e.std(), 1e-12);
        Tensor x = new Tensor(NdArray.of(new double[] {1, 1 + 6, 1 - 6, 1 + 30, 1 - 30, 1 + 3}, 6));
        double[] v = EmbeddingShift.map(x, e.mean(), e.std()).data().toDoubleArray();
        assertEquals(0.5, v[0], 1e-12);     // mu -> 1/2
        assertEquals(1.0, v[1], 1e-12);     // mu + 3 sigma -> 1
        assertEquals(0.0, v[2], 1e-12);     // mu - 3 sigma -> 0
        assertEquals(1.0, v[3], 1e-12);     // clipped
        assertEquals(0.0, v[4], 1e-12);
        assertEquals(0.75, v[5], 1e-12);    // mu + 1.5 sigma -> (1.5 + 3) / 6
    }

    @Test
    void paddingIsZeroAndUnknownIsTheZeroVectorMapped() {
        EmbeddingShift e = new EmbeddingShift(table(), false);
        float[] s = e.shifted().toFloatArray();
        assertEquals(0, s[0]);
        assertEquals(0, s[1]);
        double unk = (0 - 1) / 2.0;                      // zero vector standardised: -0.5 sigma
        assertEquals((unk + 3) / 6, s[2], 1e-6);
        assertEquals((unk + 3) / 6, s[3], 1e-6);
        float[] f = e.forward(new int[][] {{2, 3, 0}}).data().toFloatArray();
        assertEquals(0, f[4]);
        assertEquals(0, f[5]);
        assertEquals((-1 - 1) / 2.0 / 6 + 0.5, f[0], 1e-6);
    }

    @Test
    void mapLiesInUnitIntervalForAnyTable() {
        qt().withExamples(100).forAll(integers().between(1, 1_000_000)).checkAssert(seed -> {
            Generator g = new Generator(seed);
            NdArray t = g.normal(dev.teak.tensor.DType.FLOAT32, 0.3, 5, 12, 3);
            float[] s = new EmbeddingShift(t, false).shifted().toFloatArray();
            for (float x : s) assertTrue(x >= 0 && x <= 1, "value " + x + " outside [0, 1] (seed " + seed + ")");
            for (int j = 0; j < 3; j++) assertEquals(0, s[j]);
        });
    }

    @Test
    void bernoulliSpikesHaveTheProbabilityAsMeanAndPaddingNeverFires() {
        EmbeddingShift e = new EmbeddingShift(table(), false);
        float[] tab = e.shifted().toFloatArray();
        int[][] ids = {{2, 4, 0, 0}};
        int steps = 10_000;
        NdArray s = SnnTrainer.spikes(tab, 2, ids, steps, new Generator(3));
        float[] v = s.toFloatArray();
        double[] mean = new double[8];
        for (int t = 0; t < steps; t++) for (int k = 0; k < 8; k++) mean[k] += v[t * 8 + k] / steps;
        float[] p = EmbeddingShift.lookup(tab, 2, ids).toFloatArray();
        for (int k = 0; k < 8; k++) {
            double sd = Math.sqrt(p[k] * (1 - p[k]) / steps);
            assertEquals(p[k], mean[k], 5 * sd + 1e-12, "component " + k);
        }
        for (int k = 4; k < 8; k++) assertEquals(0, mean[k], "padding fired");
    }

    /**
     * The straight-through spikes of the directly trained SNN: the forward value is exactly the
     * spikes {@link SnnTrainer#spikes} draws from the same generator state, and the gradient of
     * {@code sum_t sum x_t} reaches the table as {@code T * (map slope 1 / (6 sigma))} per occurrence
     * of a word inside the clip range (hand value), and 0 for the padding.
     */
    @Test
    void straightThroughSpikesEqualTheSpikesAndPassTheMapSlope() {
        EmbeddingShift e = new EmbeddingShift(table(), true);
        e.train();
        int[][] ids = {{2, 4, 0}, {4, 5, 4}};
        int steps = 7;
        Tensor x = SnnTrainer.straightThroughSpikes(e, ids, steps, new Generator(11));
        NdArray s = SnnTrainer.spikes(e.shifted().toFloatArray(), 2, ids, steps, new Generator(11));
        assertEquals(java.util.Arrays.toString(s.toFloatArray()), java.util.Arrays.toString(x.data().toFloatArray()));
        x.sum().backward();
        float[] g = e.parameters().get(0).grad().data().toFloatArray();
        double slope = 1 / (6 * e.std());        // d/de of (clip((e - mu)/sigma) + 3)/6 inside the clip range
        // Rows 2, 4, 5 lie within mu +- 3 sigma: 1 + {+-2} etc. (row 3 holds 7 = mu + 3 sigma exactly but is unused).
        double[] uses = {0, 0, 1, 0, 3, 1};      // occurrences of each row in ids; the padding row's map is masked to 0
        for (int r = 0; r < 6; r++) {
            for (int j = 0; j < 2; j++) assertEquals(steps * uses[r] * slope, g[r * 2 + j], 1e-5, "row " + r + " component " + j);
        }
    }
}
