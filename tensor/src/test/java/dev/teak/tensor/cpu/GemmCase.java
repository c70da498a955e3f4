package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * One random GEMM problem for the property tests: sizes, a memory layout for each operand
 * (row-major, transposed, broadcast, padded or negative strides, with an offset), a padded C with random
 * contents, and the accumulate flag. Operands are built from {@code seed}, and the reference
 * is a naive triple loop in float64.
 */
final class GemmCase {
    /** How an r x c operand sits in its array. */
    enum Layout { ROW_MAJOR, TRANSPOSED, BROADCAST_ROWS, BROADCAST_COLS, STRIDED, FLIPPED_ROWS, FLIPPED_COLS }

    final int m, n, k, cPad, cOff;
    final Layout la, lb;
    final boolean accumulate;
    final long seed;

    GemmCase(int m, int n, int k, Layout la, Layout lb, int cPad, int cOff, boolean accumulate, long seed) {
        this.m = m; this.n = n; this.k = k; this.la = la; this.lb = lb;
        this.cPad = cPad; this.cOff = cOff; this.accumulate = accumulate; this.seed = seed;
    }

    @Override public String toString() {
        return "m=" + m + " n=" + n + " k=" + k + " A " + la + " B " + lb + " ldc=n+" + cPad + " cOff=" + cOff
                + (accumulate ? " accumulate" : " overwrite") + " seed=" + seed;
    }

    /** Sizes that straddle the tile edges (MR 4 and 6, NR 4 and 32, MC 120), mixed with uniform ones. */
    static Gen<Integer> size(List<Integer> edges, int max) {
        return Generate.pick(edges).mix(Generate.range(0, max));
    }

    /** Problems small enough for the naive reference, with k straddling KC = 256. */
    static Gen<GemmCase> small() {
        Gen<Integer> m = size(List.of(0, 1, 2, 3, 4, 5, 6, 7, 11, 12, 13, 17, 23, 119, 120, 121), 130);
        Gen<Integer> n = size(List.of(0, 1, 2, 15, 16, 17, 31, 32, 33, 47, 48, 63, 64, 65, 97), 100);
        Gen<Integer> k = size(List.of(0, 1, 2, 3, 7, 16, 31, 255, 256, 257, 300), 64);
        return shaped(m, n, k);
    }

    static Gen<GemmCase> shaped(Gen<Integer> m, Gen<Integer> n, Gen<Integer> k) {
        Gen<Layout> layout = Generate.enumValues(Layout.class);
        Gen<Integer> pad = Generate.range(0, 3);
        return in -> new GemmCase(m.generate(in), n.generate(in), k.generate(in), layout.generate(in),
                layout.generate(in), pad.generate(in), pad.generate(in), Generate.booleans().generate(in),
                Generate.longRange(0, Long.MAX_VALUE).generate(in));
    }

    int ldc() { return n + cPad; }

    int cLength() { return cOff + m * ldc() + 5; }

    /** A strided r x c operand: its array and the offset and strides to read it with. */
    static final class Operand {
        final double[] data; final int off, rs, cs;

        Operand(double[] data, int off, int rs, int cs) { this.data = data; this.off = off; this.rs = rs; this.cs = cs; }

        double get(int i, int j) { return data[off + i * rs + j * cs]; }

        float[] f32() {
            float[] f = new float[data.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) data[i];
            return f;
        }
    }

    /** Values are floats (exact in float32) in [-1, 1) so both precisions see the same numbers. */
    static Operand operand(int r, int c, Layout l, Random rnd) {
        int pad = rnd.nextInt(4), rs, cs;
        switch (l) {
            case ROW_MAJOR: rs = c; cs = 1; break;
            case TRANSPOSED: rs = 1; cs = r; break;
            case BROADCAST_ROWS: rs = 0; cs = 1; break;
            case BROADCAST_COLS: rs = 1; cs = 0; break;
            case FLIPPED_ROWS: rs = -c; cs = 1; break; // a flip(0) view: negative row stride
            case FLIPPED_COLS: rs = c; cs = -1; break;
            default: rs = 2 * c + 1; cs = 2; break;
        }
        // The offset puts the lowest-addressed element at index pad, whatever the stride signs.
        int lastRow = r > 0 && c > 0 ? r - 1 : 0, lastCol = r > 0 && c > 0 ? c - 1 : 0;
        int off = pad + (rs < 0 ? -rs * lastRow : 0) + (cs < 0 ? -cs * lastCol : 0);
        int len = pad + 1 + Math.abs(rs) * lastRow + Math.abs(cs) * lastCol;
        double[] d = new double[len];
        for (int i = 0; i < len; i++) d[i] = rnd.nextFloat() * 2f - 1f;
        return new Operand(d, off, rs, cs);
    }

    Operand a() { return operand(m, k, la, new Random(seed)); }

    Operand b() { return operand(k, n, lb, new Random(seed + 1)); }

    double[] c0() {
        Random rnd = new Random(seed + 2);
        double[] c = new double[cLength()];
        for (int i = 0; i < c.length; i++) c[i] = rnd.nextFloat() * 2f - 1f;
        return c;
    }

    /**
     * Checks {@code got} (a C array after the product) against the float64 reference: each
     * element within {@code unit * (k + 3) * (|c0| + sum_p |a_ip b_pj|)}, a bound on the
     * rounding error of any summation order, and every element outside C untouched.
     */
    void check(String what, Operand a, Operand b, double[] c0, DoubleIndexed got, double unit) {
        int ldc = ldc();
        boolean[] inC = new boolean[c0.length];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                int idx = cOff + i * ldc + j;
                inC[idx] = true;
                double ref = accumulate ? c0[idx] : 0, mag = accumulate ? Math.abs(c0[idx]) : 0;
                for (int p = 0; p < k; p++) {
                    double prod = a.get(i, p) * b.get(p, j);
                    ref += prod;
                    mag += Math.abs(prod);
                }
                final double want = ref, tol = unit * (k + 3) * mag, v = got.get(idx);
                final int ii = i, jj = j;
                assertTrue(Math.abs(v - ref) <= tol, () -> what + " " + this + ": C[" + ii + "][" + jj + "] = " + v
                        + ", reference " + want + ", tolerance " + tol);
            }
        }
        for (int idx = 0; idx < c0.length; idx++) {
            if (!inC[idx]) assertEquals(c0[idx], got.get(idx), 0.0, what + " " + this + ": wrote outside C at " + idx);
        }
    }

    /** Read access to a float or double C array. */
    interface DoubleIndexed { double get(int i); }

    /** Runs the float32 product with {@code kern} on fresh copies of this case's operands. */
    float[] runFloat(GemmKernel kern, Operand a, Operand b, double[] c0) {
        float[] c = new float[c0.length];
        for (int i = 0; i < c.length; i++) c[i] = (float) c0[i];
        Gemm.sgemm(kern, m, n, k, a.f32(), a.off, a.rs, a.cs, b.f32(), b.off, b.rs, b.cs, c, cOff, ldc(), accumulate);
        return c;
    }

    double[] runDouble(Operand a, Operand b, double[] c0) {
        double[] c = c0.clone();
        Gemm.dgemm(m, n, k, a.data, a.off, a.rs, a.cs, b.data, b.off, b.rs, b.cs, c, cOff, ldc(), accumulate);
        return c;
    }
}
