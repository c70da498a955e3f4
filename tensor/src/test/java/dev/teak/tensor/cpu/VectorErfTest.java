package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link VectorMath#erf}, the vector erf behind GELU, against the scalar reference on a fine grid
 * (the kernel path's parity test only draws random arguments): both branches (series and
 * 1 - erfc), the switch between them at |x| = 0.5, the saturation to +-1, and the specials.
 */
class VectorErfTest {
    private static final int L = VectorMath.S.length();

    /** {@link VectorMath#erf} on a fine grid of [-10, 10] and the specials, within 4 ulps of {@code (float) erf(x)}. */
    @Test
    void erfOnAFineGrid() {
        int n = 100_000;
        float[] xs = new float[n + 4];
        for (int i = 0; i < n; i++) xs[i] = -10f + 20f * i / n;
        xs[n] = Float.NaN; xs[n + 1] = Float.POSITIVE_INFINITY; xs[n + 2] = Float.NEGATIVE_INFINITY; xs[n + 3] = 1e-30f;
        int m = (xs.length + L - 1) / L * L;
        float[] in = java.util.Arrays.copyOf(xs, m), out = new float[m];
        for (int i = 0; i < m; i += L) VectorMath.erf(jdk.incubator.vector.FloatVector.fromArray(VectorMath.S, in, i)).intoArray(out, i);
        for (int i = 0; i < n; i++) {
            float ref = (float) dev.teak.tensor.UnaryOp.ERF.apply(xs[i]);
            assertTrue(Math.abs(out[i] - ref) <= 4 * Math.ulp(ref), "erf(" + xs[i] + ") = " + out[i] + ", expected " + ref);
        }
        assertTrue(Float.isNaN(out[n]));
        assertEquals(1f, out[n + 1]);
        assertEquals(-1f, out[n + 2]);
        float tiny = (float) dev.teak.tensor.UnaryOp.ERF.apply(1e-30f);
        assertTrue(Math.abs(out[n + 3] - tiny) <= Math.ulp(tiny), "erf(1e-30) = " + out[n + 3] + ", expected " + tiny);
    }
}
