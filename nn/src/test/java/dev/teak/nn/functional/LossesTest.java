package dev.teak.nn.functional;

import static dev.teak.nn.Tensors.leaf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.teak.autograd.GradCheck;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.NdArray;
import org.junit.jupiter.api.Test;

/** Every loss: a value worked out by hand on a small input, and a float64 gradient check. */
class LossesTest {
    private static final double LN2 = Math.log(2), LN3 = Math.log(3);

    /** Rows [0, 0] (softmax 1/2, 1/2) and [ln 3, 0] (softmax 3/4, 1/4). */
    private static Tensor logits() { return Tensor.of(new double[] {0, 0, LN3, 0}, 2, 2); }

    private static NdArray targets(long... t) { return NdArray.of(t, t.length); }

    @Test
    void crossEntropyHandValues() {
        // Targets [0, 1]: -ln(1/2) = ln 2 and -ln(1/4) = 2 ln 2; mean 1.5 ln 2.
        assertEquals(1.5 * LN2, F.crossEntropy(logits(), targets(0, 1)).item(), 1e-12);
        // Class weights [1, 3]: (1 * ln 2 + 3 * 2 ln 2) / (1 + 3) = 7 ln 2 / 4.
        NdArray w = NdArray.of(new double[] {1, 3});
        assertEquals(7 * LN2 / 4, F.crossEntropy(logits(), targets(0, 1), w, 0, -100, Reduction.MEAN).item(), 1e-12);
        // Label smoothing 0.2 over C = 2: row 0: 0.8 ln 2 + 0.1 (ln 2 + ln 2) = ln 2;
        // row 1: 0.8 * 2 ln 2 + 0.1 (-ln 3/4 - ln 1/4) = 2 ln 2 - 0.1 ln 3; mean (3 ln 2 - 0.1 ln 3) / 2.
        assertEquals((3 * LN2 - 0.1 * LN3) / 2, F.crossEntropy(logits(), targets(0, 1), null, 0.2, -100, Reduction.MEAN).item(), 1e-12);
        // Ignore index: only row 0 counts, ln 2 / 1.
        assertEquals(LN2, F.crossEntropy(logits(), targets(0, -100), null, 0, -100, Reduction.MEAN).item(), 1e-12);
        assertEquals(LN2, F.crossEntropy(logits(), targets(0, -100), null, 0.3, -100, Reduction.SUM).item(), 1e-12);
        assertArrayEquals(new double[] {LN2, 0}, F.crossEntropy(logits(), targets(0, -100), null, 0, -100, Reduction.NONE)
                .data().toDoubleArray(), 1e-12);
        // Class axis last: [1, 2, 2] logits with [1, 2] targets equal the flat case.
        assertEquals(1.5 * LN2, F.crossEntropy(logits().reshape(1, 2, 2), NdArray.of(new long[] {0, 1}, 1, 2)).item(), 1e-12);
        assertThrows(IllegalArgumentException.class, () -> F.crossEntropy(logits(), targets(0, 2)));
    }

    @Test
    void nllAndBceHandValues() {
        // log-probabilities [[ln 1/2, ln 1/2], [ln 1/4, ln 3/4]], targets [1, 0]: (ln 2 + ln 4) / 2.
        Tensor logp = Tensor.of(new double[] {-LN2, -LN2, Math.log(0.25), Math.log(0.75)}, 2, 2);
        assertEquals(1.5 * LN2, F.nll(logp, targets(1, 0)).item(), 1e-12);
        // BCE on logits: x = 0, y = 1: ln 2; x = ln 3, y = 0: -ln(1 - 3/4) = ln 4.
        assertEquals(1.5 * LN2, F.bceWithLogits(Tensor.of(new double[] {0, LN3}, 2), Tensor.of(new double[] {1, 0}, 2)).item(), 1e-12);
        // Stable at extreme logits: x = 1000, y = 1 gives 0; x = -1000, y = 1 gives 1000.
        Tensor l = Losses.bceWithLogits(Tensor.of(new double[] {1000, -1000}, 2), Tensor.of(new double[] {1, 1}, 2), Reduction.NONE);
        assertArrayEquals(new double[] {0, 1000}, l.data().toDoubleArray(), 1e-9);
    }

    @Test
    void regressionLossHandValues() {
        // MSE of [1, 2] against [0, 4]: (1 + 4) / 2.
        assertEquals(2.5, F.mse(Tensor.of(new double[] {1, 2}, 2), Tensor.of(new double[] {0, 4}, 2)).item(), 1e-15);
        // Huber, delta 1, d = [0.5, -3]: 0.5 * 0.25 = 0.125 and 1 * (3 - 0.5) = 2.5; mean 1.3125.
        assertEquals(1.3125, F.huber(Tensor.of(new double[] {0.5, -3}, 2), Tensor.of(new double[] {0, 0}, 2), 1).item(), 1e-15);
        // Margin ranking, margin 0.5: max(0, -(1 - 2) + 0.5) = 1.5 and max(0, -(2 - 0) + 0.5) = 0; mean 0.75.
        assertEquals(0.75, F.marginRanking(Tensor.of(new double[] {1, 2}, 2), Tensor.of(new double[] {2, 0}, 2),
                Tensor.of(new double[] {1, 1}, 2), 0.5).item(), 1e-15);
    }

    @Test
    void divergenceHandValues() {
        Tensor logP = Tensor.of(new double[] {-LN2, -LN2}, 1, 2);                       // P = (1/2, 1/2)
        Tensor logQ = Tensor.of(new double[] {Math.log(0.25), Math.log(0.75)}, 1, 2);   // Q = (1/4, 3/4)
        // KL(P||Q) = 1/2 ln(2) + 1/2 ln(2/3) = ln 2 - ln(3) / 2.
        assertEquals(LN2 - LN3 / 2, F.klDivergence(logP, logQ).item(), 1e-12);
        // KL(Q||P) = 1/4 ln(1/2) + 3/4 ln(3/2) = 3/4 ln 3 - ln 2.
        assertEquals(0.75 * LN3 - LN2, F.reverseKlDivergence(logP, logQ).item(), 1e-12);
        // InfoNCE with q = k = I and temperature 1: logits I, each row -ln(e / (e + 1)) = ln(1 + 1/e).
        Tensor eye = Tensor.of(new double[] {1, 0, 0, 1}, 2, 2);
        assertEquals(Math.log1p(Math.exp(-1)), F.infoNce(eye, eye, 1).item(), 1e-12);
        // Temperature 0.5 doubles the logits: ln(1 + e^-2).
        assertEquals(Math.log1p(Math.exp(-2)), F.infoNce(eye, eye, 0.5).item(), 1e-12);
    }

    @Test
    void gradientsOfEveryLoss() {
        NdArray t = targets(2, 0, -1, 1);
        NdArray w = NdArray.of(new double[] {0.5, 2, 1});
        GradCheck.check("crossEntropy(weights, smoothing, ignore)",
                in -> F.crossEntropy(in[0], t, w, 0.1, -1, Reduction.MEAN), new Tensor[] {leaf(1, 4, 3)}, 1);
        GradCheck.check("nll", in -> F.nll(in[0].logSoftmax(-1), t, w, -1, Reduction.SUM), new Tensor[] {leaf(2, 4, 3)}, 2);
        GradCheck.check("bceWithLogits", in -> F.bceWithLogits(in[0].mul(4), in[1].sigmoid()), new Tensor[] {leaf(3, 5), leaf(4, 5)}, 3);
        GradCheck.check("mse", in -> F.mse(in[0], in[1]), new Tensor[] {leaf(5, 2, 3), leaf(6, 2, 3)}, 4);
        GradCheck.check("huber", in -> F.huber(in[0], in[1], 0.5), new Tensor[] {leaf(7, 2, 3), leaf(8, 2, 3)}, 5);
        GradCheck.check("klDivergence", in -> F.klDivergence(in[0].logSoftmax(-1), in[1].logSoftmax(-1)),
                new Tensor[] {leaf(9, 2, 3), leaf(10, 2, 3)}, 6);
        GradCheck.check("reverseKlDivergence", in -> F.reverseKlDivergence(in[0].logSoftmax(-1), in[1].logSoftmax(-1)),
                new Tensor[] {leaf(11, 2, 3), leaf(12, 2, 3)}, 7);
        GradCheck.check("infoNce", in -> F.infoNce(F.normalize(in[0], 1, 1e-12), F.normalize(in[1], 1, 1e-12), 0.3),
                new Tensor[] {leaf(13, 3, 4), leaf(14, 3, 4)}, 8);
        GradCheck.check("marginRanking", in -> F.marginRanking(in[0], in[1], Tensor.of(new double[] {1, -1, 1, -1}, 4), 0.1),
                new Tensor[] {leaf(15, 4), leaf(16, 4)}, 9);
    }
}
