package dev.teak.algorithms.demi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.autograd.Tensor;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The estimators with the analytic critic: small-MI convergence, importance sampling, the oracle DEMI. */
class EstimatorTest {
    /** Spec test 3: with psi*, I = 1 nat and K = 1024, InfoNCE is within 0.05 nats of the truth. */
    @Test
    void infoNceConvergesAtSmallMi() {
        GaussianViews v = GaussianViews.withMi(20, 1);
        int k = 1024, batches = 4;
        Generator gen = new Generator(3);
        double sum = 0;
        for (int b = 0; b < batches; b++) {
            NdArray[] xy = v.sample(k, gen);
            double[] x = xy[0].toDoubleArray(), y = xy[1].toDoubleArray();
            double[] s = new double[k * k];
            for (int i = 0; i < k; i++) {
                double[] xi = Arrays.copyOfRange(x, i * 20, i * 20 + 20);
                for (int c = 0; c < k; c++) {
                    int j = c == 0 ? i : (c - 1 < i ? c - 1 : c);      // positive first
                    s[i * k + c] = v.optimalCritic(xi, Arrays.copyOfRange(y, j * 20, j * 20 + 20), 20);
                }
            }
            sum += Bounds.infoNce(Tensor.of(s, k, k)).mean().item();
        }
        assertEquals(1.0, sum / batches, 0.05);
    }

    /**
     * Spec test 6: with psi* on the prefix, self-normalised weights over marginal draws estimate
     * E[y | x'] (rho x on the prefix, 0 after it), and the error shrinks as K grows.
     */
    @Test
    void selfNormalisedConditionalMeanConverges() {
        GaussianViews v = GaussianViews.withMi(4, 1);
        int p = 2, anchors = 10;
        double errSmall = 0, errLarge = 0, essLarge = 0;
        Generator gen = new Generator(9);
        double[] xs = v.sample(anchors, gen)[0].toDoubleArray();
        for (int a = 0; a < anchors; a++) {
            double[] x = Arrays.copyOfRange(xs, a * 4, a * 4 + 4);
            for (int k : new int[] {64, 1 << 16}) {
                double[] y = gen.randn(DType.FLOAT64, k, 4).toDoubleArray();         // marginal draws
                double[] u = new double[k];
                for (int j = 0; j < k; j++) u[j] = v.optimalCritic(x, Arrays.copyOfRange(y, j * 4, j * 4 + 4), p);
                Tensor logW = Bounds.logWeights(Tensor.of(u, 1, k));
                double[] w = logW.exp().data().toDoubleArray();
                double err = 0;
                for (int c = 0; c < 4; c++) {
                    double m = 0;
                    for (int j = 0; j < k; j++) m += w[j] * y[j * 4 + c];
                    double want = c < p ? v.rho() * x[c] : 0;
                    err = Math.max(err, Math.abs(m - want));
                }
                if (k == 64) errSmall += err / anchors;
                else {
                    errLarge += err / anchors;
                    essLarge += Bounds.effectiveSampleSize(logW).item() / anchors;
                }
            }
        }
        assertTrue(errLarge < 0.05, "error at K = 65536: " + errLarge + " (ESS " + essLarge + ")");
        assertTrue(errLarge < errSmall / 4, "error " + errSmall + " at K = 64, " + errLarge + " at K = 65536");
    }

    /**
     * DEMI-8 with exact conditional negatives and each term's optimal critic, at 20 nats and
     * K = 64: every term is near its analytic value (all below log K), so the sum is near 20,
     * while InfoNCE with the optimal critic stays under log K.
     */
    @Test
    void oracleDemiRecoversWhatInfoNceCannot() {
        GaussianViews v = GaussianViews.withMi(20, 20);
        DemiEstimator demi = new DemiEstimator("demi_8", v, 8, DemiEstimator.Negatives.EXACT, "quadratic", 0, 0, new Generator(0));
        DemiEstimator nce = new DemiEstimator("infonce", v, 1, DemiEstimator.Negatives.EXACT, "quadratic", 0, 0, new Generator(0));
        int[] p = GaussianViews.prefixes(20, 8);
        for (int n = 0; n < 8; n++) ((QuadraticCritic) demi.critics().get(n)).setOptimal(v.rho(), n == 0 ? 0 : p[n - 1], p[n]);
        ((QuadraticCritic) nce.critics().get(0)).setOptimal(v.rho(), 0, 20);
        Generator gen = new Generator(4);
        double demiSum = 0, nceSum = 0;
        int batches = 10;
        for (int b = 0; b < batches; b++) {
            NdArray[] xy = v.sample(64, gen);
            demiSum += demi.evaluate(xy[0], xy[1], gen.randn(DType.FLOAT64, 64, 63, 20))[0][0];
            nceSum += nce.evaluate(xy[0], xy[1], null)[0][0];
        }
        double logK = Math.log(64);
        assertTrue(nceSum / batches <= logK, "InfoNCE " + nceSum / batches);
        assertTrue(demiSum / batches > 0.8 * 20 && demiSum / batches <= 8 * logK, "DEMI-8 oracle " + demiSum / batches);
    }
}
