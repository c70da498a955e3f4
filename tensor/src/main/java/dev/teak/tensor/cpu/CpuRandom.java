package dev.teak.tensor.cpu;

import dev.teak.tensor.Backend;
import dev.teak.tensor.DType;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.random.Philox;

/**
 * Philox draws into a contiguous float32 or float64 array, following the layout that
 * {@link Philox} defines: element {@code i} reads lane {@code i % 4} of block
 * {@code counter + i / 4}. Uniforms come from {@link Philox#uniformFloat} (float32) or
 * {@link Philox#uniformDouble} (float64, which also reads substream 1); normals are
 * {@link Philox#boxMuller} of the same-dtype uniforms of lanes (0, 1) and (2, 3).
 *
 * <p>Every element is a pure function of (seed, counter, i), so the work splits over blocks
 * with {@link Parallel} and the result does not depend on the thread count.
 */
final class CpuRandom {
    private CpuRandom() {}

    /** Blocks per parallel chunk: a block costs about as much as a few dozen elementwise ops. */
    private static final int GRAIN_BLOCKS = Parallel.GRAIN / 16;

    static void fill(Backend.RandomKind kind, long seed, long counter, NdArray out) {
        Backend.checkRandomOutput(out);
        int n = out.numel();
        if (n == 0) return;
        CpuStorage s = (CpuStorage) out.storage();
        int base = out.offset();
        int blocks = (n + 3) >>> 2;
        boolean normal = kind == Backend.RandomKind.NORMAL;
        if (out.dtype() == DType.FLOAT32) {
            Parallel.forRange(blocks, GRAIN_BLOCKS, (lo, hi) -> fillFloat(normal, seed, counter, s.f32, base, n, lo, hi));
        } else {
            Parallel.forRange(blocks, GRAIN_BLOCKS, (lo, hi) -> fillDouble(normal, seed, counter, s.f64, base, n, lo, hi));
        }
    }

    private static void fillFloat(boolean normal, long seed, long counter, float[] a, int base, int n, int lo, int hi) {
        int[] w = new int[4];
        double[] u = new double[4], z = new double[4];
        for (int b = lo; b < hi; b++) {
            Philox.block(seed, counter + b, 0, w, 0);
            for (int l = 0; l < 4; l++) u[l] = Philox.uniformFloat(w[l]);
            write(normal, u, z, a, null, base, 4 * b, n);
        }
    }

    private static void fillDouble(boolean normal, long seed, long counter, double[] a, int base, int n, int lo, int hi) {
        int[] w = new int[8];
        double[] u = new double[4], z = new double[4];
        for (int b = lo; b < hi; b++) {
            Philox.block(seed, counter + b, 0, w, 0);
            Philox.block(seed, counter + b, 1, w, 4);
            for (int l = 0; l < 4; l++) u[l] = Philox.uniformDouble(w[l], w[4 + l]);
            write(normal, u, z, null, a, base, 4 * b, n);
        }
    }

    /** Writes the (at most four) elements of one block that lie below {@code n}. */
    private static void write(boolean normal, double[] u, double[] z, float[] f, double[] d, int base, int first, int n) {
        double[] v = u;
        if (normal) {
            Philox.boxMuller(u[0], u[1], z, 0);
            Philox.boxMuller(u[2], u[3], z, 2);
            v = z;
        }
        int count = Math.min(4, n - first);
        if (f != null) {
            for (int l = 0; l < count; l++) f[base + first + l] = (float) v[l];
        } else {
            for (int l = 0; l < count; l++) d[base + first + l] = v[l];
        }
    }
}
