package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;

import org.junit.jupiter.api.Test;
import org.quicktheories.generators.SourceDSL;

/**
 * {@link VectorMath}'s exp, log and erf against the scalar references over ranges the kernel
 * path's parity test does not reach: exp's overflow edge, subnormal results and flush to zero;
 * log of subnormals, of 0, of infinity and of negative numbers; erf on a fine grid. Each is also
 * checked bit for bit between its first (interpreted) call and later compiled calls, since the
 * point of writing them in plain arithmetic is that both give the same bits.
 */
class VectorMathTest {
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

    /**
     * The reference GELU and its derivative at hand-checked points (Phi(1) = 0.841344746068543,
     * phi(1) = 0.241970724519143, Phi(-3) = 0.00134989803163009, Phi(-10) = 7.61985302416047e-24:
     * the lower tail, where 0.5 (1 + erf(x / sqrt 2)) would be 0 in double), then the vector
     * kernels on a fine grid of [-15, 15] and at the specials.
     */
    @Test
    void geluAndItsDerivative() {
        dev.teak.tensor.UnaryOp gelu = dev.teak.tensor.UnaryOp.GELU, grad = dev.teak.tensor.UnaryOp.GELU_GRAD;
        assertEquals(0.841344746068543, gelu.apply(1), 1e-14);
        assertEquals(-3 * 0.00134989803163009, gelu.apply(-3), 1e-14);    // erfc to about 1e-12 relative
        assertEquals(-7.61985302416047e-23, gelu.apply(-10), 1e-34);
        assertEquals(0.5, grad.apply(0), 1e-15);
        assertEquals(0.841344746068543 + 0.241970724519143, grad.apply(1), 1e-14);
        assertEquals(1 - 0.841344746068543 - 0.241970724519143, grad.apply(-1), 1e-14);   // Phi(-1) - phi(1)
        int n = 200_000;
        float[] xs = new float[n + 4];
        for (int i = 0; i < n; i++) xs[i] = -15f + 30f * i / n;
        xs[n] = Float.NaN; xs[n + 1] = Float.POSITIVE_INFINITY; xs[n + 2] = Float.NEGATIVE_INFINITY; xs[n + 3] = 1e30f;
        float[] g = new float[xs.length], d = new float[xs.length];
        Kernels v = KernelPath.vectorOrNull();
        v.unary(gelu, xs, 0, g, 0, xs.length);
        v.unary(grad, xs, 0, d, 0, xs.length);
        for (int i = 0; i < n; i++) {
            double ref = gelu.apply(xs[i]), refGrad = grad.apply(xs[i]);
            assertTrue(Math.abs(g[i] - ref) <= dev.teak.tensor.testing.Close.geluBound(gelu, xs[i], ref), "gelu(" + xs[i] + ") = " + g[i] + ", expected " + ref);
            assertTrue(Math.abs(d[i] - refGrad) <= dev.teak.tensor.testing.Close.geluBound(grad, xs[i], refGrad),
                    "gelu'(" + xs[i] + ") = " + d[i] + ", expected " + refGrad);
        }
        assertTrue(Float.isNaN(g[n]) && Float.isNaN(d[n]), "NaN");
        assertEquals(Float.POSITIVE_INFINITY, g[n + 1], "gelu(inf) = inf");
        assertTrue(Float.isNaN(g[n + 2]), "gelu(-inf) = -inf * 0, NaN as in PyTorch and the reference");
        assertTrue(Double.isNaN(gelu.apply(Double.NEGATIVE_INFINITY)));
        assertTrue(Float.isNaN(d[n + 1]) && Float.isNaN(d[n + 2]), "gelu'(+-inf) = Phi + (+-inf) 0: NaN, as the reference");
        assertEquals(1e30f, g[n + 3]);
        assertEquals(1f, d[n + 3]);
    }

    private static float[] vlog(float... xs) {
        int n = (xs.length + L - 1) / L * L;
        float[] in = java.util.Arrays.copyOf(xs, n), out = new float[n];
        java.util.Arrays.fill(in, xs.length, n, 1f);
        for (int i = 0; i < n; i += L) VectorMath.log(jdk.incubator.vector.FloatVector.fromArray(VectorMath.S, in, i)).intoArray(out, i);
        return java.util.Arrays.copyOf(out, xs.length);
    }

    @Test
    void logOverTheWholeRangeAndItsSpecials() {
        int n = 100_000;
        float[] xs = new float[n];
        for (int i = 0; i < n; i++) xs[i] = (float) Math.pow(2, -149 + 277.0 * i / n);   // 2^-149 .. 2^128
        float[] ys = vlog(xs);
        for (int i = 0; i < n; i++) {
            float ref = (float) Math.log(xs[i]);
            assertTrue(Math.abs(ys[i] - ref) <= 4 * Math.ulp(ref), "log(" + xs[i] + ") = " + ys[i] + ", expected " + ref);
        }
        float[] y = vlog(0f, -0f, -1f, Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 1f, Float.MIN_VALUE);
        assertEquals(Float.NEGATIVE_INFINITY, y[0]);
        assertEquals(Float.NEGATIVE_INFINITY, y[1]);
        assertTrue(Float.isNaN(y[2]) && Float.isNaN(y[3]) && Float.isNaN(y[5]));
        assertEquals(Float.POSITIVE_INFINITY, y[4]);
        assertEquals(0f, y[6]);
        assertEquals((float) Math.log(Float.MIN_VALUE), y[7], Math.ulp((float) Math.log(Float.MIN_VALUE)));
    }

    @Test
    void compiledAndFirstCallsGiveTheSameBits() {
        float[] xs = new float[4096];
        java.util.Random r = new java.util.Random(5);
        for (int i = 0; i < xs.length; i++) xs[i] = (float) (r.nextGaussian() * 4);
        float[] e0 = vexp(xs), l0 = vlog(abs(xs));
        for (int rep = 0; rep < 3000; rep++) { vexp(xs); vlog(abs(xs)); }
        org.junit.jupiter.api.Assertions.assertArrayEquals(e0, vexp(xs), 0f, "exp");
        org.junit.jupiter.api.Assertions.assertArrayEquals(l0, vlog(abs(xs)), 0f, "log");
    }

    /**
     * exp's steps written out in scalar float arithmetic (each a single IEEE operation, so the
     * same bits in the interpreter and in compiled code): the vector exp must equal them bit for
     * bit, which is what makes it independent of when the JIT compiles its loop.
     */
    private static float scalarExp(float x) {
        final float round = 12582912f;
        float v = Math.min(Math.max(x, -104f), 89f);
        float t = v * 1.44269504088896341f + round, nf = t - round;
        float r = v - nf * 0.693359375f;
        r = Math.fma(nf, 2.12194440e-4f, r);
        float p = Math.fma(r, 1 / 5040f, 1 / 720f);
        for (float c : new float[] {1 / 120f, 1 / 24f, 1 / 6f, 1 / 2f, 1f, 1f}) p = Math.fma(p, r, c);
        int n = Float.floatToRawIntBits(t) - Float.floatToRawIntBits(round), n1 = n >> 1, n2 = n - n1;
        return p * Float.intBitsToFloat((n1 + 127) << 23) * Float.intBitsToFloat((n2 + 127) << 23);
    }

    @Test
    void vectorExpIsPlainArithmeticBitForBit() {
        qt().withExamples(300).forAll(SourceDSL.floats().between(-120f, 100f)).checkAssert(x ->
                assertEquals(Float.floatToIntBits(scalarExp(x)), Float.floatToIntBits(vexp(x)[0]), "exp(" + x + ")"));
    }

    private static float[] abs(float[] xs) {
        float[] a = new float[xs.length];
        for (int i = 0; i < xs.length; i++) a[i] = Math.abs(xs[i]) + 1e-3f;
        return a;
    }

    @Test
    void tanhOnAFineGridAndItsSpecials() {
        int n = 100_000;
        float[] xs = new float[n + 5];
        for (int i = 0; i < n; i++) xs[i] = -12f + 24f * i / n;
        xs[n] = Float.NaN; xs[n + 1] = Float.POSITIVE_INFINITY; xs[n + 2] = Float.NEGATIVE_INFINITY; xs[n + 3] = 1e-30f; xs[n + 4] = -0.55f;
        int m = (xs.length + L - 1) / L * L;
        float[] in = java.util.Arrays.copyOf(xs, m), out = new float[m];
        for (int i = 0; i < m; i += L) VectorMath.tanh(jdk.incubator.vector.FloatVector.fromArray(VectorMath.S, in, i)).intoArray(out, i);
        for (int i = 0; i < n; i++) {
            float ref = (float) Math.tanh(xs[i]);
            assertTrue(Math.abs(out[i] - ref) <= 4 * Math.ulp(ref), "tanh(" + xs[i] + ") = " + out[i] + ", expected " + ref);
        }
        assertTrue(Float.isNaN(out[n]));
        assertEquals(1f, out[n + 1]);
        assertEquals(-1f, out[n + 2]);
        assertEquals(1e-30f, out[n + 3]);
        assertEquals((float) Math.tanh(-0.55f), out[n + 4], 4 * Math.ulp(0.5f));
    }
}
