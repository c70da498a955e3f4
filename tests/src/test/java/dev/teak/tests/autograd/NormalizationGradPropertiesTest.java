package dev.teak.tests.autograd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.Shape;
import dev.teak.tests.autograd.Inputs.Domain;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Layer norm over the last 1-4 axes: values against a loop over rows, gradients of x, weight
 * and bias against finite differences to second order (which runs the recorded backward).
 * eps = 0.1 keeps rows of two nearly equal values well conditioned for the differences.
 */
class NormalizationGradPropertiesTest {
    private static final double EPS = 0.1;

    @Test
    void layerNormValuesAndGradients() {
        qt().withExamples(60).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int[] s = Inputs.shape(r, 1, 4);
            int dims = r.nextInt(1, s.length + 1);
            int[] ns = Arrays.copyOfRange(s, s.length - dims, s.length);
            Tensor x = Inputs.leaf(r, s, Domain.ANY), w = Inputs.leaf(r, ns, Domain.ANY), b = Inputs.leaf(r, ns, Domain.ANY);
            expectRows(x, w, b, dims, Tensor.layerNorm(x, dims, w, b, EPS), seed);
            Checks.firstOrder("layerNorm", in -> Tensor.layerNorm(in[0], dims, in[1], in[2], EPS), seed, x, w, b);
            Checks.firstOrder("layerNorm, no affine", in -> Tensor.layerNorm(in[0], dims, null, null, EPS), seed, x);
            Checks.secondOrder("layerNorm", in -> Tensor.layerNorm(in[0], dims, in[1], in[2], EPS), seed, x, w, b);
        });
    }

    /** y = (x - mean) / sqrt(var + eps) w + b, row by row over the flattened last dims axes. */
    private static void expectRows(Tensor x, Tensor w, Tensor b, int dims, Tensor y, long seed) {
        int n = Shape.numel(w.shape()), rows = x.numel() / n;
        double[] xs = x.data().contiguous().toDoubleArray(), ws = w.data().contiguous().toDoubleArray(),
                bs = b.data().contiguous().toDoubleArray(), ys = y.data().contiguous().toDoubleArray();
        for (int row = 0; row < rows; row++) {
            double mean = 0, var = 0;
            for (int j = 0; j < n; j++) mean += xs[row * n + j] / n;
            for (int j = 0; j < n; j++) var += (xs[row * n + j] - mean) * (xs[row * n + j] - mean) / n;
            for (int j = 0; j < n; j++) {
                double want = (xs[row * n + j] - mean) / Math.sqrt(var + EPS) * ws[j] + bs[j];
                assertEquals(want, ys[row * n + j], 1e-12, "seed " + seed + ", row " + row + ", element " + j);
            }
        }
    }
}
