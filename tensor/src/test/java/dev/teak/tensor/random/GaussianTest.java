package dev.teak.tensor.random;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import org.junit.jupiter.api.Test;

/** The normal density, distribution and quantile functions against a 420-digit reference. */
class GaussianTest {
    /** Points from the far lower tail to the upper half, on both sides of the series/fraction switch. */
    private static final double[] XS = {-37.5, -30, -25.3, -20, -14.1, -10, -8.77, -6, -4.4, -3, -2.2, -1.6,
        -1.5, -1.49, -1.2, -0.7, -0.3, -1e-3, 0, 0.25, 1, 2.3, 5};

    @Test
    void cdfMatchesReferenceToRelative1e14() {
        for (double x : XS) {
            double ref = NormalReference.cdf(x);
            assertEquals(ref, Gaussian.cdf(x), 1e-14 * ref, "Phi(" + x + ")");
            assertEquals(ref, Gaussian.complementaryCdf(-x), 1e-14 * ref, "1 - Phi(" + -x + ")");
            double pdf = NormalReference.pdf(x);
            assertEquals(pdf, Gaussian.pdf(x), 1e-15 * pdf, "phi(" + x + ")");
        }
        assertEquals(0.0, Gaussian.cdf(Double.NEGATIVE_INFINITY));
        assertEquals(1.0, Gaussian.cdf(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(Gaussian.cdf(Double.NaN)));
    }

    @Test
    void inverseCdfRecoversReferencePoints() {
        for (double x : XS) {
            double p = NormalReference.cdf(x);
            // p itself is rounded to ulp(p), which alone moves the quantile by ulp(p) / phi(x)
            double tol = 1e-14 * Math.abs(x) + Math.ulp(p) / NormalReference.pdf(x);
            assertEquals(x, Gaussian.inverseCdf(p), tol, "Phi^-1(Phi(" + x + "))");
        }
    }

    @Test
    void inverseCdfKnownQuantilesAndEdges() {
        assertEquals(1.959963984540054, Gaussian.inverseCdf(0.975), 1e-15); // the 95% two-sided z
        assertEquals(-2.326347874040841, Gaussian.inverseCdf(0.01), 1e-15);
        assertEquals(0.0, Gaussian.inverseCdf(0.5));
        assertEquals(Double.NEGATIVE_INFINITY, Gaussian.inverseCdf(0));
        assertEquals(Double.POSITIVE_INFINITY, Gaussian.inverseCdf(1));
        assertTrue(Double.isNaN(Gaussian.inverseCdf(-0.1)));
        assertTrue(Double.isNaN(Gaussian.inverseCdf(1.5)));
        assertTrue(Double.isNaN(Gaussian.inverseCdf(Double.NaN)));
        assertTrue(Gaussian.inverseCdf(Double.MIN_VALUE) > -38.5 && Gaussian.inverseCdf(Double.MIN_VALUE) < -38.4);
    }

    @Test
    void inverseCdfIsAMonotoneInverse() {
        qt().withExamples(300).forAll(doubles().between(1e-300, 0.5), doubles().between(0, 1)).checkAssert((p, f) -> {
            double x = Gaussian.inverseCdf(p);
            assertEquals(p, Gaussian.cdf(x), 1e-13 * p, "Phi(Phi^-1(" + p + "))");
            double q = p * f; // a smaller probability maps to a smaller quantile
            if (q > 0 && q < p) assertTrue(Gaussian.inverseCdf(q) <= x, "monotone at " + q + " < " + p);
            double upper = 1 - p; // the upper half works through 1 - upper, exact there
            assertEquals(upper, Gaussian.cdf(Gaussian.inverseCdf(upper)), 4 * Math.ulp(1.0), "Phi(Phi^-1(" + upper + "))");
        });
    }
}
