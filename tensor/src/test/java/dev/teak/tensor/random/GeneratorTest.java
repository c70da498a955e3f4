package dev.teak.tensor.random;

import static org.junit.jupiter.api.Assertions.*;

import dev.teak.tensor.Backend.RandomKind;
import dev.teak.tensor.Backends;
import dev.teak.tensor.DType;
import dev.teak.tensor.Device;
import dev.teak.tensor.NdArray;
import java.util.Arrays;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.Test;

/** The user-facing generator: its stream bookkeeping, the continuous draws and argument checks. */
class GeneratorTest {
    private static double[] backendFill(RandomKind kind, DType dtype, long seed, long counter, int n) {
        NdArray out = NdArray.zeros(dtype, n);
        Backends.cpu().random(kind, seed, counter, out);
        return out.toDoubleArray();
    }

    static void assertRejects(String fragment, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), "message '" + e.getMessage() + "' should mention '" + fragment + "'");
    }

    @Test
    void callsConsumeConsecutiveBlocksAndStateResumes() {
        Generator g = new Generator(2024);
        double[] a = g.rand(DType.FLOAT32, 9).toDoubleArray(); // 9 elements: blocks 0..2
        assertEquals(3, g.offset());
        double[] b = g.randn(DType.FLOAT64, 2, 3).toDoubleArray(); // 6 elements: blocks 3..4
        assertEquals(5, g.offset());
        assertArrayEquals(backendFill(RandomKind.UNIFORM, DType.FLOAT32, 2024, 0, 9), a);
        assertArrayEquals(backendFill(RandomKind.NORMAL, DType.FLOAT64, 2024, 3, 6), b);

        Generator.State saved = g.state();
        assertEquals(new Generator.State(2024, 5), saved);
        double[] c = g.rand(DType.FLOAT64, 100).toDoubleArray();
        double[] d = g.rand(DType.FLOAT64, 100).toDoubleArray();
        assertFalse(Arrays.equals(c, d), "consecutive calls must draw fresh numbers");
        g.setState(saved);
        assertArrayEquals(c, g.rand(DType.FLOAT64, 100).toDoubleArray(), "resuming from a state replays the stream");

        g.manualSeed(2024);
        assertEquals(0, g.offset());
        assertArrayEquals(a, g.rand(DType.FLOAT32, 9).toDoubleArray());
        assertArrayEquals(a, new Generator(2024, Device.CPU).rand(DType.FLOAT32, 9).toDoubleArray());
        assertFalse(Arrays.equals(a, new Generator(2025).rand(DType.FLOAT32, 9).toDoubleArray()));

        long before = g.offset();
        assertEquals(0, g.rand(0, 5).numel());
        assertEquals(before, g.offset(), "an empty draw consumes nothing");
        assertEquals(0, g.rand().dim(), "no shape gives a scalar");
    }

    @Test
    void uniformStaysInItsHalfOpenRange() {
        Generator g = new Generator(11);
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double[] x = g.uniform(dtype, -3, 5, 100_000).toDoubleArray();
            for (double v : x) assertTrue(v >= -3 && v < 5, dtype + " value " + v);
            assertEquals(1.0, Stats.mean(x), 4 * 8 / Math.sqrt(12 * 1e5), dtype + " mean");
            double d = Stats.ks(x, v -> (v + 3) / 8);
            assertTrue(Math.sqrt(x.length) * d < 1.95, dtype + " KS " + Math.sqrt(x.length) * d);
            // [1, 2) in float32: 1 + (hi - lo) u rounds to 2 for the largest u and must be pulled back
            double[] y = g.uniform(dtype, 1, 2, 50_000).toDoubleArray();
            for (double v : y) assertTrue(v >= 1 && v < 2, dtype + " value " + v);
        }
        assertRejects("lo < hi", () -> g.uniform(DType.FLOAT32, 2, 2, 3));
        assertRejects("lo < hi", () -> g.uniform(DType.FLOAT32, 0, Double.NaN, 3));
        assertRejects("holds no float32", () -> g.uniform(DType.FLOAT32, 1, 1 + 1e-12, 3));
        assertRejects("int64", () -> g.uniform(DType.INT64, 0, 1, 3));
    }

    @Test
    void normalHasTheRequestedMeanAndSpread() {
        Generator g = new Generator(5);
        int n = 100_000;
        double[] x = g.normal(DType.FLOAT64, 3, 2, n).toDoubleArray();
        assertEquals(3, Stats.mean(x), 4 * 2 / Math.sqrt(n));
        assertEquals(4, Stats.centralMoment(x, 2), 4 * 4 * Math.sqrt(2.0 / n));
        for (double v : g.normal(DType.FLOAT32, -1.5, 0, 10).toDoubleArray()) assertEquals(-1.5, v);
        assertRejects("std", () -> g.normal(DType.FLOAT32, 0, -1, 3));
        assertRejects("std", () -> g.normal(DType.FLOAT32, 0, Double.NaN, 3));
        assertRejects("mean", () -> g.normal(DType.FLOAT32, Double.POSITIVE_INFINITY, 1, 3));
    }

    /** Mean and variance of N(mean, std^2) restricted to [lo, hi], from the 420-digit reference. */
    private static double[] truncatedMoments(double mean, double std, double lo, double hi) {
        double a = (lo - mean) / std, b = (hi - mean) / std;
        double pa = Double.isInfinite(a) ? 0 : NormalReference.pdf(a), pb = Double.isInfinite(b) ? 0 : NormalReference.pdf(b);
        double z = a + b > 0 // Phi(b) - Phi(a), taken from the upper tail when the interval lies there
                ? (Double.isInfinite(a) ? 1 : NormalReference.cdf(-a)) - (Double.isInfinite(b) ? 0 : NormalReference.cdf(-b))
                : (Double.isInfinite(b) ? 1 : NormalReference.cdf(b)) - (Double.isInfinite(a) ? 0 : NormalReference.cdf(a));
        double apa = Double.isInfinite(a) ? 0 : a * pa, bpb = Double.isInfinite(b) ? 0 : b * pb;
        double shift = (pa - pb) / z;
        return new double[] {mean + std * shift, std * std * (1 + (apa - bpb) / z - shift * shift)};
    }

    @Test
    void truncatedNormalStaysInBoundsWithTheAnalyticMeanAndCdf() {
        double[][] cases = { // mean, std, lo, hi
            {0, 1, -2, 2}, {0.5, 2, 1, 3}, {0, 1, 3, 4}, {1, 1, Double.NEGATIVE_INFINITY, 0.5}, {0, 1, 30, 31}, {-2, 0.5, -2, 10},
        };
        Generator g = new Generator(77);
        int n = 50_000;
        for (double[] c : cases) {
            double mean = c[0], std = c[1], lo = c[2], hi = c[3];
            double[] moments = truncatedMoments(mean, std, lo, hi);
            String what = "N(" + mean + ", " + std + "^2) on [" + lo + ", " + hi + "]";
            double[] x = g.truncatedNormal(DType.FLOAT64, mean, std, lo, hi, n).toDoubleArray();
            for (double v : x) assertTrue(v >= lo && v <= hi, what + " gave " + v);
            assertEquals(moments[0], Stats.mean(x), 5 * Math.sqrt(moments[1] / n), what + " mean");
            assertEquals(moments[1], Stats.centralMoment(x, 2), 0.05 * moments[1], what + " variance");
            double a = (lo - mean) / std, b = (hi - mean) / std;
            boolean upper = a + b > 0; // evaluate the CDF on the side where it keeps relative precision
            double qa = Gaussian.complementaryCdf(a), qb = Gaussian.complementaryCdf(b), pa = Gaussian.cdf(a), pb = Gaussian.cdf(b);
            double d = Stats.ks(x, v -> upper
                    ? (qa - Gaussian.complementaryCdf((v - mean) / std)) / (qa - qb)
                    : (Gaussian.cdf((v - mean) / std) - pa) / (pb - pa));
            assertTrue(Math.sqrt(n) * d < 1.95, what + " KS " + Math.sqrt(n) * d);

            float flo = (float) lo, fhi = (float) hi;
            for (float v : g.truncatedNormal(DType.FLOAT32, mean, std, lo, hi, 2000).toFloatArray()) {
                assertTrue(v >= flo && v <= fhi, what + " float32 gave " + v);
            }
        }
        assertArrayEquals(new int[] {2, 3, 4}, g.truncatedNormal(DType.FLOAT32, 0, 1, -2, 2, 2, 3, 4).shape());
        assertRejects("std > 0", () -> g.truncatedNormal(DType.FLOAT64, 0, 0, -1, 1, 3));
        assertRejects("std > 0", () -> g.truncatedNormal(DType.FLOAT64, 0, -2, -1, 1, 3));
        assertRejects("lo < hi", () -> g.truncatedNormal(DType.FLOAT64, 0, 1, 1, 1, 3));
        assertRejects("underflows", () -> g.truncatedNormal(DType.FLOAT64, 0, 1, 40, 41, 3));
    }

    @Test
    void argumentsFromTheWrongDtypeAreRefusedByName() {
        Generator g = new Generator(1);
        assertRejects("rand: dtype must be float32 or float64, got int32", () -> g.rand(DType.INT32, 2));
        assertRejects("randn: dtype must be float32 or float64, got bool", () -> g.randn(DType.BOOL, 2));
        assertRejects("negative size", () -> g.rand(DType.FLOAT32, 2, -1));
    }
}
