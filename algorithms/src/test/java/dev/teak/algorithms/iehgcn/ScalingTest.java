package dev.teak.algorithms.iehgcn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.teak.tensor.random.Generator;
import org.junit.jupiter.api.Test;

/** The scaling study's pieces: the log-log slope, and networks whose edges double with the scale. */
class ScalingTest {
    @Test void logLogSlopeRecoversPowerLaws() {
        double[] x = {1e4, 2e4, 4e4, 8e4};
        assertEquals(1, Scaling.logLogSlope(x, new double[] {0.3, 0.6, 1.2, 2.4}), 1e-12);        // t = c E
        assertEquals(2, Scaling.logLogSlope(x, new double[] {1, 4, 16, 64}), 1e-12);              // t = c E^2
        assertEquals(0.5, Scaling.logLogSlope(new double[] {1, 4, 16}, new double[] {1, 2, 4}), 1e-12);
    }

    @Test void plantedNetworksDoubleTheirEdgesWithTheScale() {
        long e1 = SyntheticHin.planted(SyntheticHin.Spec.scaled(1), new Generator(1)).graph().edges();
        long e2 = SyntheticHin.planted(SyntheticHin.Spec.scaled(2), new Generator(1)).graph().edges();
        // 1900 T nodes x (4 R + 4 Z links) + 190 R x 2 S links = 15580 pairs before duplicates are merged.
        assertTrue(e1 > 15_000 && e1 <= 15_580, "edges at scale 1: " + e1);
        assertEquals(2.0, (double) e2 / e1, 0.03);
    }
}
