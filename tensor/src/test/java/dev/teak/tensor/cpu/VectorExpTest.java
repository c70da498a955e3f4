package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * {@link VectorMath#exp} against {@code (float) Math.exp} over the whole float range, where the
 * kernel path's parity test only draws from [-10, 10]: the overflow edge, the subnormal results
 * below e^-87.3, the flush to zero below e^-103.97, and the special values.
 */
class VectorExpTest {
    private static final int L = VectorMath.S.length();

    private static float[] vexp(float... xs) {
        int n = (xs.length + L - 1) / L * L;
        float[] in = java.util.Arrays.copyOf(xs, n), out = new float[n];
        for (int i = 0; i < n; i += L) VectorMath.exp(jdk.incubator.vector.FloatVector.fromArray(VectorMath.S, in, i)).intoArray(out, i);
        return java.util.Arrays.copyOf(out, xs.length);
    }

    /** Within 2 ulps of the correctly rounded-ish reference (1 ulp of the smallest subnormal there). */
    private static void close(float x, float actual) {
        float ref = (float) Math.exp(x);
        double tol = 2 * Math.ulp(ref);
        assertTrue(Math.abs(actual - ref) <= tol || actual == ref, "exp(" + x + ") = " + actual + ", expected " + ref);
    }

    @Test
    void sweepOfTheWholeRange() {
        int n = 200_000;
        float[] xs = new float[n];
        for (int i = 0; i < n; i++) xs[i] = -110f + 205f * i / n;
        float[] ys = vexp(xs);
        for (int i = 0; i < n; i++) close(xs[i], ys[i]);
    }

    @Test
    void randomArguments() {
        qt().withExamples(300).forAll(SourceDSL.floats().between(-120f, 100f)).checkAssert(x -> close(x, vexp(x)[0]));
    }

    @Test
    void specialValuesAndEdges() {
        float big = 88.72283f;                   // the largest float whose exp is finite
        float[] y = vexp(Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0f, -0f, 1f, big, Math.nextUp(big), -103.9f, -104.5f);
        assertTrue(Float.isNaN(y[0]));
        assertEquals(Float.POSITIVE_INFINITY, y[1]);
        assertEquals(0f, y[2]);
        assertEquals(1f, y[3]);
        assertEquals(1f, y[4]);
        close(1f, y[5]);
        close(big, y[6]);
        assertTrue(Float.isFinite(y[6]), "exp(" + big + ") is finite");
        assertEquals(Float.POSITIVE_INFINITY, y[7], "exp just above the overflow edge");
        close(-103.9f, y[8]);
        assertEquals(0f, y[9]);
    }

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
