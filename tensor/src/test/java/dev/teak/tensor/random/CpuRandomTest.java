package dev.teak.tensor.random;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.Backend;
import dev.teak.tensor.Backend.RandomKind;
import dev.teak.tensor.Backends;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.cpu.Parallel;
import org.junit.jupiter.api.Test;

/** The CPU backend's Philox fill: its layout contract, determinism, and the distributions it gives. */
class CpuRandomTest {
    private static final Backend CPU = Backends.cpu();

    private static double[] fill(RandomKind kind, DType dtype, long seed, long counter, int n) {
        NdArray out = NdArray.zeros(dtype, n);
        CPU.random(kind, seed, counter, out);
        return out.toDoubleArray();
    }

    /** Element {@code i} written out from the contract, one Philox call per element, with java.lang.Math. */
    private static double naive(RandomKind kind, DType dtype, long seed, long counter, long i) {
        long block = counter + i / 4;
        int lane = (int) (i % 4);
        int[] w0 = Philox.philox4x32_10((int) block, (int) (block >>> 32), 0, 0, (int) seed, (int) (seed >>> 32));
        int[] w1 = Philox.philox4x32_10((int) block, (int) (block >>> 32), 1, 0, (int) seed, (int) (seed >>> 32));
        double[] u = new double[4];
        for (int l = 0; l < 4; l++) {
            u[l] = dtype == DType.FLOAT32 ? (w0[l] >>> 8) / 16777216.0 : (((w0[l] & 0xFFFFFFFFL) << 21) + (w1[l] >>> 11)) / 9007199254740992.0;
        }
        if (kind == RandomKind.UNIFORM) return u[lane];
        int pair = lane & ~1;
        double r = Math.sqrt(-2 * Math.log(1 - u[pair])), theta = 2 * Math.PI * u[pair + 1];
        return lane % 2 == 0 ? r * Math.cos(theta) : r * Math.sin(theta);
    }

    @Test
    void everyElementFollowsTheLayoutContract() {
        long[][] cases = {{42, 0}, {0x9E3779B97F4A7C15L, 1_000_003}, {-1, -2}}; // the last wraps the 64-bit counter
        for (long[] c : cases) {
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                int n = 37;
                double[] u = fill(RandomKind.UNIFORM, dtype, c[0], c[1], n), z = fill(RandomKind.NORMAL, dtype, c[0], c[1], n);
                for (int i = 0; i < n; i++) {
                    assertEquals(naive(RandomKind.UNIFORM, dtype, c[0], c[1], i), u[i], 0.0, dtype + " uniform " + i);
                    double ref = naive(RandomKind.NORMAL, dtype, c[0], c[1], i);
                    double tol = dtype == DType.FLOAT32 ? Math.ulp((float) ref) : 1e-14 * (1 + Math.abs(ref));
                    assertEquals(ref, z[i], tol, dtype + " normal " + i);
                }
            }
        }
    }

    @Test
    void seedZeroCounterZeroIsTheAllZeroKnownAnswer() {
        // Block 0 of seed 0 is Philox4x32-10 of counter 0 and key 0: Random123's first philox4x32 10
        // vector, 6627e8d5 e169c58d bc57ac4c 9b00dbd8. Float32 uniforms are the top 24 bits / 2^24.
        double[] u = fill(RandomKind.UNIFORM, DType.FLOAT32, 0, 0, 4);
        assertArrayEquals(new double[] {0x6627e8 / 16777216.0, 0xe169c5 / 16777216.0, 0xbc57ac / 16777216.0,
            0x9b00db / 16777216.0}, u);
        // Float64 uniforms keep all 32 bits of the same words as their leading bits.
        double[] d = fill(RandomKind.UNIFORM, DType.FLOAT64, 0, 0, 4);
        long[] words = {0x6627e8d5L, 0xe169c58dL, 0xbc57ac4cL, 0x9b00dbd8L};
        for (int l = 0; l < 4; l++) assertEquals(words[l], (long) Math.floor(d[l] * 0x1.0p32), "lane " + l);
    }

    @Test
    void fillsAContiguousViewWithAnOffsetAndRejectsBadOutputs() {
        NdArray base = NdArray.zeros(DType.FLOAT64, 12);
        NdArray view = base.slice(0, 3, 10);
        CPU.random(RandomKind.UNIFORM, 5, 9, view);
        double[] all = base.toDoubleArray(), expect = fill(RandomKind.UNIFORM, DType.FLOAT64, 5, 9, 7);
        for (int i = 0; i < 12; i++) assertEquals(i >= 3 && i < 10 ? expect[i - 3] : 0.0, all[i], 0.0, "element " + i);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CPU.random(RandomKind.UNIFORM, 1, 0, NdArray.zeros(DType.INT64, 3)));
        assertTrue(e.getMessage().contains("int64"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> CPU.random(RandomKind.UNIFORM, 1, 0, NdArray.zeros(4, 3).transpose(0, 1)));
        assertTrue(e.getMessage().contains("not contiguous"), e.getMessage());
    }

    @Test
    void sameResultForAnyThreadCount() {
        int saved = Parallel.threads();
        int n = 300_003; // several parallel chunks and a partial last block
        try {
            for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                for (RandomKind kind : RandomKind.values()) {
                    Parallel.setThreads(1);
                    double[] one = fill(kind, dtype, 7, 123, n);
                    Parallel.setThreads(2);
                    double[] two = fill(kind, dtype, 7, 123, n);
                    Parallel.setThreads(3);
                    double[] three = fill(kind, dtype, 7, 123, n);
                    assertArrayEquals(one, two, dtype + " " + kind + " 1 vs 2 threads");
                    assertArrayEquals(one, three, dtype + " " + kind + " 1 vs 3 threads");
                    assertArrayEquals(one, fill(kind, dtype, 7, 123, n), "same seed and counter, same draws");
                }
            }
        } finally {
            Parallel.setThreads(saved);
        }
    }

    @Test
    void drawingInChunksEqualsDrawingAtOnce() {
        qt().withExamples(150).forAll(longs().all(), longs().all(), integers().between(0, 200), integers().between(0, 50))
                .checkAssert((seed, counter, n, quarter) -> {
                    int k = Math.min(4 * quarter, n - n % 4);
                    for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                        for (RandomKind kind : RandomKind.values()) {
                            double[] whole = fill(kind, dtype, seed, counter, n);
                            double[] head = fill(kind, dtype, seed, counter, k);
                            double[] tail = fill(kind, dtype, seed, counter + k / 4, n - k);
                            for (int i = 0; i < n; i++) {
                                assertEquals(whole[i], i < k ? head[i] : tail[i - k], 0.0, kind + " " + dtype + " element " + i);
                            }
                        }
                    }
                });
    }

    @Test
    void float32UniformIsTheFloat64UniformTruncated() {
        double[] f = fill(RandomKind.UNIFORM, DType.FLOAT32, 99, 4, 1001), d = fill(RandomKind.UNIFORM, DType.FLOAT64, 99, 4, 1001);
        for (int i = 0; i < f.length; i++) assertEquals(f[i], Math.floor(d[i] * 0x1.0p24) * 0x1.0p-24, 0.0, "element " + i);
    }

    @Test
    void uniformsFitTheUniformDistribution() {
        int n = 200_000;
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double[] u = fill(RandomKind.UNIFORM, dtype, 20261128, 0, n);
            for (double v : u) assertTrue(v >= 0 && v < 1, dtype + " value " + v + " outside [0, 1)");
            double se = Math.sqrt(1.0 / 12 / n);
            assertEquals(0.5, Stats.mean(u), 4 * se, dtype + " mean");
            assertEquals(1.0 / 12, Stats.centralMoment(u, 2), 4 * Math.sqrt(1.0 / 180 / n), dtype + " variance");
            double d = Stats.ks(u, x -> x);
            assertTrue(Math.sqrt(n) * d < 1.95, dtype + " KS statistic sqrt(n) D = " + Math.sqrt(n) * d);
            for (int lag = 1; lag <= 4; lag++) {
                double rho = Stats.autocorrelation(u, lag);
                assertTrue(Math.abs(rho) < 4 / Math.sqrt(n), dtype + " lag-" + lag + " correlation " + rho);
            }
        }
    }

    @Test
    void normalsFitTheNormalDistribution() {
        int n = 200_000;
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            double[] z = fill(RandomKind.NORMAL, dtype, 31337, 17, n);
            assertEquals(0, Stats.mean(z), 4 / Math.sqrt(n), dtype + " mean");
            assertEquals(1, Stats.centralMoment(z, 2), 4 * Math.sqrt(2.0 / n), dtype + " variance");
            assertEquals(0, Stats.centralMoment(z, 3), 4 * Math.sqrt(15.0 / n), dtype + " third moment");
            assertEquals(3, Stats.centralMoment(z, 4), 4 * Math.sqrt(96.0 / n), dtype + " fourth moment");
            double d = Stats.ks(z, Gaussian::cdf);
            assertTrue(Math.sqrt(n) * d < 1.95, dtype + " KS statistic sqrt(n) D = " + Math.sqrt(n) * d);
            // the two normals of a Box-Muller pair are independent, so uncorrelated
            double rho = Stats.autocorrelation(z, 1);
            assertTrue(Math.abs(rho) < 4 / Math.sqrt(n), dtype + " lag-1 correlation " + rho);
        }
    }
}
