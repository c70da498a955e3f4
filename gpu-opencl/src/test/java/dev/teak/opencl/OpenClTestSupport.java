package dev.teak.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.teak.tensor.BackendProvider;
import dev.teak.tensor.Backends;
import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Shape;
import java.util.Random;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * Shared by the OpenCL tests: the device under test (or a skip with the provider's reason;
 * with {@code TEAK_REQUIRE_OPENCL} set, as CI may, a missing device fails instead), random
 * arrays as identical strided views on the CPU and on the device, and comparisons.
 */
final class OpenClTestSupport {
    private OpenClTestSupport() {}

    static final Device DEV = Device.opencl(0);

    /** The backend of opencl:0, or a skipped test saying why there is none. */
    static OpenClBackend backend() {
        BackendProvider p = Backends.providers().get("opencl");
        String why = p == null ? "no opencl provider on the class path" : p.status();
        boolean there = p != null && !p.backends().isEmpty();
        if (!there && System.getenv("TEAK_REQUIRE_OPENCL") != null) fail("TEAK_REQUIRE_OPENCL is set but OpenCL is " + why);
        Assumptions.assumeTrue(there, "OpenCL tests skipped: " + why);
        return (OpenClBackend) p.backends().get(0);
    }

    /** One array twice: on the CPU and the same view of a copy on the device. */
    record Pair(NdArray cpu, NdArray dev) {
        Pair map(UnaryOperator<NdArray> f) { return new Pair(f.apply(cpu), f.apply(dev)); }
    }

    static int[] randomShape(Random r, int maxRank, int maxSize) {
        int[] s = new int[r.nextInt(maxRank + 1)];
        for (int i = 0; i < s.length; i++) s[i] = 1 + r.nextInt(maxSize);
        return s;
    }

    /** Values of a dtype: small integers, or floats with occasional NaN, infinities and signed zeros. */
    static NdArray values(Random r, DType t, int n, boolean specials) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            if (t == DType.BOOL) v[i] = r.nextInt(2);
            else if (!t.isFloating()) v[i] = r.nextInt(11) - 5;
            else if (specials && r.nextInt(12) == 0) v[i] = new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0, 0.0}[r.nextInt(5)];
            else v[i] = Math.round(r.nextGaussian() * 3 * 64) / 64.0 + (r.nextInt(4) == 0 ? 0 : r.nextDouble() * 1e-3);
        }
        return NdArray.of(v).to(t);
    }

    /**
     * An array of {@code shape} as a random strided view: a contiguous base is allocated in a
     * permuted axis order and/or with every axis doubled and sliced with step 2, and axes of
     * size 1 in the base may be broadcast (stride 0).
     */
    static Pair view(Random r, DType t, int[] shape, boolean specials) {
        int rank = shape.length;
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) perm[i] = i;
        for (int i = rank - 1; i > 0; i--) { int j = r.nextInt(i + 1); int tmp = perm[i]; perm[i] = perm[j]; perm[j] = tmp; }
        boolean step = r.nextBoolean();
        boolean[] bcast = new boolean[rank];
        for (int i = 0; i < rank; i++) bcast[i] = shape[i] > 1 && r.nextInt(5) == 0;
        int[] baseShape = new int[rank];
        for (int i = 0; i < rank; i++) {
            int s = bcast[perm[i]] ? 1 : shape[perm[i]];
            baseShape[i] = step ? 2 * s : s;
        }
        NdArray base = values(r, t, Shape.numel(baseShape), specials).reshape(baseShape);
        int[] inverse = new int[rank];
        for (int i = 0; i < rank; i++) inverse[perm[i]] = i;
        int offset = step && rank > 0 ? r.nextInt(2) : 0;
        UnaryOperator<NdArray> f = b -> {
            NdArray v = b;
            if (step) for (int d = 0; d < rank; d++) v = v.slice(d, offset, v.size(d), 2);
            return v.permute(inverse).expand(shape);
        };
        return new Pair(base, base.to(DEV)).map(f);
    }

    /** Same shape and dtype, and elements equal (NaN equal to NaN) within {@code |a-b| <= atol + rtol |a|}. */
    static void assertClose(String what, NdArray expected, NdArray actualOnDevice, double rtol, double atol) {
        NdArray actual = actualOnDevice.to(Device.CPU);
        assertArrayEquals(expected.shape(), actual.shape(), what + ": shape");
        assertEquals(expected.dtype(), actual.dtype(), what + ": dtype");
        if (!expected.dtype().isFloating()) {
            assertArrayEquals(expected.toLongArray(), actual.toLongArray(), what);
            return;
        }
        double[] e = expected.toDoubleArray(), a = actual.toDoubleArray();
        for (int i = 0; i < e.length; i++) {
            boolean ok = Double.isNaN(e[i]) ? Double.isNaN(a[i])
                    : e[i] == a[i] || Math.abs(e[i] - a[i]) <= atol + rtol * Math.abs(e[i]);
            if (!ok) fail(what + ": element " + i + " expected " + e[i] + " but OpenCL gave " + a[i] + " (shape " + Shape.str(expected.shape()) + ")");
        }
    }

    /** Bit-for-bit equality (up to NaN payloads): for movement, conversion and integer ops. */
    static void assertExact(String what, NdArray expected, NdArray actualOnDevice) {
        assertClose(what, expected, actualOnDevice, 0, 0);
        if (expected.dtype().isFloating()) {
            double[] e = expected.toDoubleArray(), a = actualOnDevice.to(Device.CPU).toDoubleArray();
            for (int i = 0; i < e.length; i++) {
                if (e[i] == 0 && Double.compare(e[i], a[i]) != 0) fail(what + ": element " + i + " signed zero " + e[i] + " vs " + a[i]);
            }
        }
    }
}
