package dev.teak.algorithms.demi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The analytic side of the synthetic study: MI, chain rule, optimal critic, conditional sampler. */
class GaussianViewsTest {
    @Test
    void rhoForOneNatPerCoordinate() {
        GaussianViews v = GaussianViews.withMi(20, 20);
        assertEquals(Math.sqrt(1 - Math.exp(-2)), v.rho(), 1e-15);
        assertEquals(0.9299, v.rho(), 1e-4);                         // the spec's value
        assertEquals(20.0, v.mutualInformation(), 1e-12);
    }

    /** Spec test 4: the analytic block terms sum to I; each is I/N when N divides d, |block| m otherwise. */
    @ParameterizedTest
    @ValueSource(ints = {1, 2, 4, 8})
    void chainRuleOnBlockTerms(int n) {
        GaussianViews v = GaussianViews.withMi(20, 40);
        double[] t = v.blockTerms(n);
        double sum = 0;
        for (double x : t) sum += x;
        assertEquals(40.0, sum, 1e-12);
        int[] p = GaussianViews.prefixes(20, n);
        assertEquals(20, p[n - 1]);
        for (int b = 0; b < n; b++) {
            int size = p[b] - (b == 0 ? 0 : p[b - 1]);
            assertEquals(size * 2.0, t[b], 1e-12, "block " + b);       // 2 nats per coordinate
            if (20 % n == 0) assertEquals(40.0 / n, t[b], 1e-12);
        }
        if (n == 8) assertArrayEquals(new int[] {3, 6, 9, 12, 14, 16, 18, 20}, p);
    }

    /** Spec test 1: the Monte-Carlo mean of psi* under the joint is -(d/2) log(1 - rho^2) within 3 standard errors. */
    @ParameterizedTest
    @ValueSource(doubles = {2, 20, 40})
    void optimalCriticMeanIsTheMi(double mi) {
        GaussianViews v = GaussianViews.withMi(20, mi);
        int n = 20_000;
        NdArray[] xy = v.sample(n, new Generator(5));
        double[] x = xy[0].toDoubleArray(), y = xy[1].toDoubleArray();
        double sum = 0, sq = 0;
        for (int i = 0; i < n; i++) {
            double c = v.optimalCritic(java.util.Arrays.copyOfRange(x, i * 20, i * 20 + 20),
                    java.util.Arrays.copyOfRange(y, i * 20, i * 20 + 20), 20);
            sum += c;
            sq += c * c;
        }
        double mean = sum / n, se = Math.sqrt((sq / n - mean * mean) / n);
        assertTrue(Math.abs(mean - mi) < 3 * se, "mean " + mean + " vs " + mi + ", se " + se);
    }

    /** Spec test 5: conditional draws have mean rho x_i and variance 1 - rho^2 on the prefix, N(0, 1) after it. */
    @Test
    void conditionalSamplerMoments() {
        GaussianViews v = GaussianViews.withMi(20, 20);
        double rho = v.rho();
        NdArray[] xy = v.sample(2, new Generator(1));
        int k = 20_001, p = 7;
        double[] c = v.conditionalCandidates(xy[0], xy[1], p, k, new Generator(2)).toDoubleArray();
        double[] x = xy[0].toDoubleArray(), y = xy[1].toDoubleArray();
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 20; j++) assertEquals(y[i * 20 + j], c[(i * k) * 20 + j], 0.0, "slot 0 is the positive");
            for (int j = 0; j < 20; j++) {
                double s = 0, s2 = 0;
                for (int r = 1; r < k; r++) {
                    double val = c[(i * k + r) * 20 + j];
                    s += val;
                    s2 += val * val;
                }
                double m = s / (k - 1), var = s2 / (k - 1) - m * m;
                double wantM = j < p ? rho * x[i * 20 + j] : 0, wantV = j < p ? 1 - rho * rho : 1;
                // 4 standard errors of the mean and of the variance (sd of s^2 ~ var sqrt(2/n))
                assertEquals(wantM, m, 4 * Math.sqrt(wantV / (k - 1)), "mean, anchor " + i + " coordinate " + j);
                assertEquals(wantV, var, 4 * wantV * Math.sqrt(2.0 / (k - 1)), "variance, anchor " + i + " coordinate " + j);
            }
        }
    }
}
