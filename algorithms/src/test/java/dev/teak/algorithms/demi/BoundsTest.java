package dev.teak.algorithms.demi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import org.junit.jupiter.api.Test;

/** Hand-computed values and invariants of the bounds: the log K ceiling, weights summing to one, ESS. */
class BoundsTest {
    @Test
    void infoNceByHand() {
        // scores (2, 0, 0): 2 - log((e^2 + 2)/3) = 2 - log(3.0963...) = 0.870...
        Tensor s = Tensor.of(new double[] {2, 0, 0, 0, 0, 0}, 2, 3);
        double[] v = Bounds.infoNce(s).data().toDoubleArray();
        assertEquals(2 - Math.log((Math.exp(2) + 2) / 3), v[0], 1e-14);
        assertEquals(0, v[1], 1e-14);                              // equal scores: no information
    }

    @Test
    void importanceSampledByHand() {
        // s = (1, 2, 0), weights (0.25, 0.75): 1 - log((e + 2 (0.25 e^2 + 0.75)) / 3)
        Tensor s = Tensor.of(new double[] {1, 2, 0}, 1, 3);
        Tensor logW = Tensor.of(new double[] {Math.log(0.25), Math.log(0.75)}, 1, 2);
        double want = 1 - Math.log((Math.E + 2 * (0.25 * Math.exp(2) + 0.75)) / 3);
        assertEquals(want, Bounds.importanceSampled(s, logW).item(), 1e-14);
        // uniform weights give back InfoNCE
        Tensor uniform = Tensor.of(new double[] {Math.log(0.5), Math.log(0.5)}, 1, 2);
        assertEquals(Bounds.infoNce(s).item(), Bounds.importanceSampled(s, uniform).item(), 1e-14);
    }

    @Test
    void stableInDoublePrecisionForHugeScores() {
        Tensor s = Tensor.of(new double[] {5000, 4990, -3000}, 1, 3);
        double v = Bounds.infoNce(s).item();
        assertEquals(-Math.log1p(Math.exp(-10)) + Math.log(3), v, 1e-12);
    }

    /** Spec test 2: I_NCE, I_CNCE and I_IS are at most log K for any scores and weights (1,000 random draws). */
    @Test
    void logKCeilingForRandomCritics() {
        qt().withExamples(1000).forAll(integers().between(2, 40), integers().between(1, 4), longs().all()).checkAssert((k, b, seed) -> {
            Generator g = new Generator(seed);
            double scale = 1 + 30 * g.rand(DType.FLOAT64, 1).item();
            Tensor s = new Tensor(g.randn(DType.FLOAT64, b, k).mul(scale));
            Tensor logW = Bounds.logWeights(new Tensor(g.randn(DType.FLOAT64, b, k - 1).mul(scale)));
            double logK = Math.log(k);
            for (double v : Bounds.infoNce(s).data().toDoubleArray()) assertTrue(v <= logK + 1e-12, v + " > log " + k);
            for (double v : Bounds.importanceSampled(s, logW).data().toDoubleArray()) assertTrue(v <= logK + 1e-12, v + " > log " + k);
        });
    }

    /** Spec test 6: weights sum to one; ESS lies in [1, K-1] and is K-1 for uniform weights, 1 for a point mass. */
    @Test
    void weightsSumToOneAndEss() {
        qt().withExamples(200).forAll(integers().between(2, 64), longs().all()).checkAssert((k, seed) -> {
            Tensor u = new Tensor(new Generator(seed).randn(DType.FLOAT64, 3, k).mul(10));
            Tensor logW = Bounds.logWeights(u);
            double[] sums = logW.exp().sum(1, false).data().toDoubleArray();
            for (double s : sums) assertEquals(1.0, s, 1e-12);
            for (double e : Bounds.effectiveSampleSize(logW).toDoubleArray()) assertTrue(e >= 1 - 1e-9 && e <= k + 1e-9, "ess " + e);
        });
        assertEquals(7.0, Bounds.effectiveSampleSize(Bounds.logWeights(Tensor.zeros(DType.FLOAT64, 1, 7))).item(), 1e-12);
        assertEquals(1.0, Bounds.effectiveSampleSize(Bounds.logWeights(Tensor.of(new double[] {0, -1e4, -1e4}, 1, 3))).item(), 1e-12);
    }

    @Test
    void weightsCarryNoGradient() {
        Tensor u = new Tensor(NdArray.of(new double[] {1, 2}, 1, 2), true);
        assertTrue(!Bounds.logWeights(u).requiresGrad());
    }
}
