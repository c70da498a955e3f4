package dev.teak.tensor.testing;

import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import java.util.Arrays;

/**
 * Comparisons of an {@link NdArray} against a {@link Dense} reference that fail with the
 * first differing index, both values and the layout of the array under test. NaN matches
 * NaN; infinities must match exactly.
 */
public final class Close {
    private Close() {}

    /** Shape and every element equal ({@code ==}, so {@code -0.0 == 0.0}). */
    public static void exact(String what, Dense expected, NdArray actual) {
        within(what, expected, actual, 0, 0);
    }

    /** {@code |e - a| <= atol + rtol * |e|} everywhere. */
    public static void within(String what, Dense expected, NdArray actual, double rtol, double atol) {
        shape(what, expected.shape, actual);
        Dense got = Dense.read(actual);
        for (int i = 0; i < got.data.length; i++) {
            double e = expected.data[i], a = got.data[i];
            if (!close(e, a, rtol, atol)) {
                throw new AssertionError(what + ": element " + Arrays.toString(Dense.unravel(i, expected.shape)) + " is " + a
                        + ", expected " + e + " (rtol " + rtol + ", atol " + atol + ") in " + ArrayGen.describe(actual));
            }
        }
    }

    /** Per-element absolute bounds: {@code |e - a| <= bound[i]}. */
    public static void withinBounds(String what, Dense expected, NdArray actual, double[] bound) {
        shape(what, expected.shape, actual);
        Dense got = Dense.read(actual);
        for (int i = 0; i < got.data.length; i++) {
            double e = expected.data[i], a = got.data[i];
            boolean ok = Double.isNaN(e) ? Double.isNaN(a) : e == a || Math.abs(e - a) <= bound[i];
            if (!ok) {
                throw new AssertionError(what + ": element " + Arrays.toString(Dense.unravel(i, expected.shape)) + " is " + a
                        + ", expected " + e + " within " + bound[i] + " in " + ArrayGen.describe(actual));
            }
        }
    }

    /**
     * Float32 results of functions evaluated in double and rounded: equal within 4 units in the
     * last place of the float result, or both below the normal range (where a vector exp may
     * flush what the scalar path keeps as a subnormal).
     */
    public static void float32(String what, Dense expected, NdArray actual) {
        shape(what, expected.shape, actual);
        Dense got = Dense.read(actual);
        for (int i = 0; i < got.data.length; i++) {
            double e = expected.data[i], a = got.data[i];
            boolean ok = close(e, a, 0, 4 * Math.ulp((float) e)) || Math.abs(e) < 2 * Float.MIN_NORMAL && Math.abs(a) < 2 * Float.MIN_NORMAL;
            if (!ok) {
                throw new AssertionError(what + ": element " + Arrays.toString(Dense.unravel(i, expected.shape)) + " is " + a
                        + ", expected " + e + " (4 ulps) in " + ArrayGen.describe(actual));
            }
        }
    }

    /**
     * The float32 error bound of the GELU kernels at {@code x}: 12 ulps of the result for
     * {@code GELU}; for {@code GELU_GRAD}, which is Phi(x) + x phi(x) and crosses zero near
     * x = -0.75, 12 ulps of |Phi(x)| + |x phi(x)|. They chain erfc's Chebyshev fit (1.2e-7
     * relative), two exps and five products; sweeps of 2e7 points over [-15, 15] found 8.7 ulps
     * at most. Results below the normal range may differ by subnormals.
     */
    public static double geluBound(dev.teak.tensor.UnaryOp op, double x, double expected) {
        double cdf = 0.5 * (1 + dev.teak.tensor.UnaryOp.ERF.apply(x / Math.sqrt(2)));
        double scale = op == dev.teak.tensor.UnaryOp.GELU ? Math.abs(expected) : cdf + Math.abs(x * Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI));
        return Math.max(12 * Math.ulp((float) scale), 2 * Float.MIN_NORMAL);
    }

    /** The tolerance a dtype's results get: float32 in ulps, everything else exact. */
    public static void forDType(String what, DType dtype, Dense expected, NdArray actual) {
        if (dtype == DType.FLOAT32) float32(what, expected, actual);
        else exact(what, expected, actual);
    }

    public static boolean close(double e, double a, double rtol, double atol) {
        if (Double.isNaN(e) || Double.isNaN(a)) return Double.isNaN(e) && Double.isNaN(a);
        if (e == a) return true;
        if (Double.isInfinite(e) || Double.isInfinite(a)) return false;
        return Math.abs(e - a) <= atol + rtol * Math.abs(e);
    }

    public static void shape(String what, int[] expected, NdArray actual) {
        if (!Arrays.equals(expected, actual.shape())) {
            throw new AssertionError(what + ": shape " + Arrays.toString(actual.shape()) + ", expected " + Arrays.toString(expected));
        }
    }

    public static void dtype(String what, DType expected, NdArray actual) {
        if (expected != actual.dtype()) {
            throw new AssertionError(what + ": dtype " + actual.dtype() + ", expected " + expected);
        }
    }
}
