package dev.teak.nn.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.NdArray;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Accuracy, confusion matrix and precision/recall/F1 against hand-worked and naive values. */
class ClassificationMetricsTest {
    private static final double EPS = 1e-12;

    // yTrue = [0, 0, 1, 1, 2, 2, 2], yPred = [0, 1, 1, 1, 2, 0, 2]
    //            pred 0  1  2
    // true 0        [1, 1, 0]     TP = [1, 2, 2]
    // true 1        [0, 2, 0]     FP = column sums [2, 3, 2] - TP = [1, 1, 0]
    // true 2        [1, 0, 2]     FN = row sums    [2, 2, 3] - TP = [1, 0, 1]
    // precision = [1/2, 2/3, 1], recall = [1/2, 1, 2/3], F1 = 2TP/(2TP+FP+FN) = [2/4, 4/5, 4/5]
    private static final int[] Y_TRUE = {0, 0, 1, 1, 2, 2, 2};
    private static final int[] Y_PRED = {0, 1, 1, 1, 2, 0, 2};

    @Test
    void handWorkedThreeClassExample() {
        ConfusionMatrix m = ConfusionMatrix.of(Y_TRUE, Y_PRED, 3);
        assertArrayEquals(new long[][] {{1, 1, 0}, {0, 2, 0}, {1, 0, 2}}, m.toArray());
        assertArrayEquals(new double[] {0.5, 2.0 / 3, 1}, m.precisionPerClass(), EPS);
        assertArrayEquals(new double[] {0.5, 1, 2.0 / 3}, m.recallPerClass(), EPS);
        assertArrayEquals(new double[] {0.5, 0.8, 0.8}, m.f1PerClass(), EPS);
        assertEquals(5.0 / 7, m.accuracy(), EPS);
        // macro: plain means; micro: pooled counts = accuracy for single-label data;
        // weighted F1: (2 * 0.5 + 2 * 0.8 + 3 * 0.8) / 7 = 5 / 7.
        assertEquals((0.5 + 2.0 / 3 + 1) / 3, m.precision(Average.MACRO), EPS);
        assertEquals((0.5 + 1 + 2.0 / 3) / 3, m.recall(Average.MACRO), EPS);
        assertEquals(0.7, m.f1(Average.MACRO), EPS);
        assertEquals(5.0 / 7, m.f1(Average.MICRO), EPS);
        assertEquals(5.0 / 7, m.precision(Average.MICRO), EPS);
        assertEquals(5.0 / 7, m.f1(Average.WEIGHTED), EPS);
        assertEquals(5.0 / 7, Metrics.accuracy(Y_TRUE, Y_PRED), EPS);
    }

    @Test
    void absentClassesAreLeftOutOfMacroAndZeroDivisionGivesZero() {
        // Class 3 never occurs: macro over classes {0, 1, 2} is unchanged; its own scores are 0.
        ConfusionMatrix m = ConfusionMatrix.of(Y_TRUE, Y_PRED, 4);
        assertEquals(0.7, m.f1(Average.MACRO), EPS);
        assertEquals(0, m.precision(3));
        assertEquals(0, m.f1(3));
        // A class predicted but never true: precision 0, recall 0/0 -> 0, and it counts in macro.
        ConfusionMatrix p = ConfusionMatrix.of(new int[] {0, 0}, new int[] {0, 1}, 2);
        assertArrayEquals(new double[] {1, 0}, p.precisionPerClass(), EPS);
        assertArrayEquals(new double[] {0.5, 0}, p.recallPerClass(), EPS);
        assertEquals(0.25, p.recall(Average.MACRO), EPS);
    }

    @Test
    void ndArrayInputsIncludingScoresReducedByArgmax() {
        NdArray y = NdArray.of(new long[] {0, 2, 1});
        NdArray logits = NdArray.of(new float[] {0.9f, 0.1f, 0f, 0f, 0.2f, 0.7f, 0.5f, 0.1f, 0.4f}, 3, 3); // argmax 0, 2, 0
        assertEquals(2.0 / 3, Metrics.accuracy(y, logits), EPS);
        assertEquals(2.0 / 3, Metrics.accuracy(y, NdArray.of(new int[] {0, 2, 0})), EPS);
        assertEquals(1, Metrics.confusionMatrix(y, logits, 3).count(1, 0));
        assertEquals(0.5, Metrics.accuracy(new long[] {1, 2}, new long[] {1, 3}), EPS);
        assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(y, NdArray.zeros(4, 3)));
        assertThrows(IllegalArgumentException.class, () -> Metrics.accuracy(NdArray.zeros(3), logits));
        assertThrows(IllegalArgumentException.class, () -> ConfusionMatrix.of(new int[] {0, 3}, new int[] {0, 1}, 3));
    }

    /** Per-class scores by direct counting over the samples, without a matrix. */
    private static double[] naive(int[] t, int[] p, int c) {
        int tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < t.length; i++) {
            if (p[i] == c && t[i] == c) tp++;
            else if (p[i] == c) fp++;
            else if (t[i] == c) fn++;
        }
        double prec = tp + fp == 0 ? 0 : (double) tp / (tp + fp), rec = tp + fn == 0 ? 0 : (double) tp / (tp + fn);
        double f1 = prec + rec == 0 ? 0 : 2 * prec * rec / (prec + rec);
        return new double[] {prec, rec, f1};
    }

    @Test
    void agreesWithNaiveDefinitionsOnRandomLabels() {
        qt().withExamples(200).forAll(integers().between(1, 120), integers().between(1, 6), longs().all()).checkAssert((n, k, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] t = r.ints(n, 0, k).toArray(), p = r.ints(n, 0, k).toArray();
            ConfusionMatrix m = ConfusionMatrix.of(t, p, k);
            double macroF1 = 0, weighted = 0;
            int present = 0;
            for (int c = 0; c < k; c++) {
                double[] s = naive(t, p, c);
                assertEquals(s[0], m.precision(c), 1e-12);
                assertEquals(s[1], m.recall(c), 1e-12);
                assertEquals(s[2], m.f1(c), 1e-12);
                final int cc = c;
                boolean seen = java.util.Arrays.stream(t).anyMatch(v -> v == cc) || java.util.Arrays.stream(p).anyMatch(v -> v == cc);
                if (seen) { macroF1 += s[2]; present++; }
                weighted += s[2] * java.util.Arrays.stream(t).filter(v -> v == cc).count();
            }
            assertEquals(macroF1 / present, m.f1(Average.MACRO), 1e-12);
            assertEquals(weighted / n, m.f1(Average.WEIGHTED), 1e-12);
            assertEquals(Metrics.accuracy(t, p), m.f1(Average.MICRO), 1e-12);
            assertEquals(Metrics.accuracy(t, p), m.recall(Average.MICRO), 1e-12);
        });
    }
}
