package dev.teak.nn.layers;

import static dev.teak.nn.Tensors.leaf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.autograd.GradCheck;
import dev.teak.autograd.Tensor;
import dev.teak.nn.functional.F;
import dev.teak.nn.functional.Reduction;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Gradient checks on random shapes, and invariants of the losses and attention. */
class LayerPropertiesTest {
    @Test
    void linearAndLayerNormOnRandomShapes() {
        qt().withExamples(40).forAll(integers().between(1, 3), integers().between(1, 4), integers().between(1, 3), longs().all())
                .checkAssert((n, in, out, seed) -> {
                    Linear l = new Linear(in, out, new Generator(seed));
                    LayerGradCheckTest.checkUnary("Linear " + in + "->" + out, l, leaf(seed, n, in));
                    LayerGradCheckTest.checkUnary("LayerNorm " + (in + 1), new LayerNorm(in + 1), leaf(seed + 1, n, in + 1));
                });
    }

    @Test
    void convolutionOnRandomShapes() {
        qt().withExamples(25).forAll(integers().between(1, 2), integers().between(1, 3), integers().between(1, 3), longs().all())
                .checkAssert((cin, k, stride, seed) -> {
                    Conv2d c = new Conv2d(cin, 2, k, stride, k / 2, true, new Generator(seed));
                    LayerGradCheckTest.checkUnary("Conv2d k" + k + " s" + stride, c, leaf(seed, 1, cin, 4, 5));
                });
    }

    @Test
    void crossEntropyIsShiftInvariantAndMatchesNll() {
        qt().withExamples(100).forAll(integers().between(1, 6), integers().between(2, 5), longs().all()).checkAssert((n, c, seed) -> {
            SplittableRandom r = new SplittableRandom(seed);
            long[] t = new long[n];
            for (int i = 0; i < n; i++) t[i] = r.nextInt(c);
            NdArray targets = NdArray.of(t, n);
            double[] w = new double[c];
            for (int i = 0; i < c; i++) w[i] = r.nextDouble(0.1, 2);
            NdArray weights = NdArray.of(w);
            Tensor logits = leaf(seed, n, c).mul(3);
            double eps = r.nextDouble(0, 0.5);
            double base = F.crossEntropy(logits, targets, weights, eps, -1, Reduction.MEAN).item();
            // Adding a constant to a row leaves the softmax, hence the loss, unchanged.
            Tensor shifted = logits.add(leaf(seed + 1, n, 1).mul(50));
            assertEquals(base, F.crossEntropy(shifted, targets, weights, eps, -1, Reduction.MEAN).item(), 1e-9);
            // Without smoothing, cross-entropy is NLL of the log-softmax.
            assertEquals(F.crossEntropy(logits, targets, weights, 0, -1, Reduction.SUM).item(),
                    F.nll(logits.logSoftmax(-1), targets, weights, -1, Reduction.SUM).item(), 1e-12);
        });
    }

    @Test
    void attentionOverConstantValuesReturnsThem() {
        qt().withExamples(60).forAll(integers().between(1, 4), integers().between(1, 4), integers().between(1, 3), longs().all())
                .checkAssert((tq, tk, d, seed) -> {
                    Tensor q = leaf(seed, 2, tq, d), k = leaf(seed + 1, 2, tk, d);
                    // Every value row the same vector: any convex combination of them is that vector.
                    Tensor v = new Tensor(new Generator(seed).normal(DType.FLOAT64, 0, 1, 1, 1, 3).expand(2, tk, 3).contiguous());
                    double[] out = F.scaledDotProductAttention(q, k, v, null).data().toDoubleArray();
                    double[] row = v.data().select(0, 0).select(0, 0).toDoubleArray();
                    for (int i = 0; i < out.length; i++) assertEquals(row[i % 3], out[i], 1e-12);
                });
    }

    @Test
    void attentionGradientsOnRandomShapes() {
        qt().withExamples(20).forAll(integers().between(1, 3), integers().between(1, 2), longs().all()).checkAssert((t, heads, seed) -> {
            MultiheadAttention mha = new MultiheadAttention(2 * heads, heads, new Generator(seed));
            mha.to(DType.FLOAT64);
            LayerGradCheckTest.check("MHA causal T=" + t, mha, in -> mha.forward(in[0], null, true), leaf(seed, 1, t, 2 * heads));
        });
    }
}
