package dev.teak.tensor.cpu;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Vector API row loops of {@link CpuSparse}. For each output row, a block of up to four
 * vectors of columns stays in registers while the row's entries stream past
 * ({@code acc += v[k] * x[ci[k], block]}), and is stored once: an axpy per entry would load and
 * store the output row for every entry. Columns past the last full vector take a scalar axpy.
 * Only {@link CpuSparse#vectorOrNull} loads this class, so JVMs without the module never link it.
 */
final class VectorSparse implements CpuSparse.Rows {
    private static final VectorSpecies<Float> FS = FloatVector.SPECIES_PREFERRED;
    private static final VectorSpecies<Double> DS = DoubleVector.SPECIES_PREFERRED;

    @Override
    public void f32(int lo, int hi, int[] rp, int[] ci, float[] v, int vOff, float[] x, int xOff, float[] y, int yOff, int n) {
        final int l = FS.length();
        for (int i = lo; i < hi; i++) {
            int yo = yOff + i * n, s = rp[i], e = rp[i + 1], j = 0;
            for (; j + 4 * l <= n; j += 4 * l) {
                FloatVector c0 = FloatVector.zero(FS), c1 = c0, c2 = c0, c3 = c0;
                for (int k = s; k < e; k++) {
                    FloatVector a = FloatVector.broadcast(FS, v[vOff + k]);
                    int xo = xOff + ci[k] * n + j;
                    c0 = FloatVector.fromArray(FS, x, xo).fma(a, c0);
                    c1 = FloatVector.fromArray(FS, x, xo + l).fma(a, c1);
                    c2 = FloatVector.fromArray(FS, x, xo + 2 * l).fma(a, c2);
                    c3 = FloatVector.fromArray(FS, x, xo + 3 * l).fma(a, c3);
                }
                c0.intoArray(y, yo + j);
                c1.intoArray(y, yo + j + l);
                c2.intoArray(y, yo + j + 2 * l);
                c3.intoArray(y, yo + j + 3 * l);
            }
            for (; j + l <= n; j += l) {
                FloatVector c = FloatVector.zero(FS);
                for (int k = s; k < e; k++) c = FloatVector.fromArray(FS, x, xOff + ci[k] * n + j).fma(FloatVector.broadcast(FS, v[vOff + k]), c);
                c.intoArray(y, yo + j);
            }
            if (j < n) {
                for (int k = s; k < e; k++) {
                    float a = v[vOff + k];
                    int xo = xOff + ci[k] * n;
                    for (int t = j; t < n; t++) y[yo + t] += a * x[xo + t];
                }
            }
        }
    }

    @Override
    public void f64(int lo, int hi, int[] rp, int[] ci, double[] v, int vOff, double[] x, int xOff, double[] y, int yOff, int n) {
        final int l = DS.length();
        for (int i = lo; i < hi; i++) {
            int yo = yOff + i * n, s = rp[i], e = rp[i + 1], j = 0;
            for (; j + 4 * l <= n; j += 4 * l) {
                DoubleVector c0 = DoubleVector.zero(DS), c1 = c0, c2 = c0, c3 = c0;
                for (int k = s; k < e; k++) {
                    DoubleVector a = DoubleVector.broadcast(DS, v[vOff + k]);
                    int xo = xOff + ci[k] * n + j;
                    c0 = DoubleVector.fromArray(DS, x, xo).fma(a, c0);
                    c1 = DoubleVector.fromArray(DS, x, xo + l).fma(a, c1);
                    c2 = DoubleVector.fromArray(DS, x, xo + 2 * l).fma(a, c2);
                    c3 = DoubleVector.fromArray(DS, x, xo + 3 * l).fma(a, c3);
                }
                c0.intoArray(y, yo + j);
                c1.intoArray(y, yo + j + l);
                c2.intoArray(y, yo + j + 2 * l);
                c3.intoArray(y, yo + j + 3 * l);
            }
            for (; j + l <= n; j += l) {
                DoubleVector c = DoubleVector.zero(DS);
                for (int k = s; k < e; k++) c = DoubleVector.fromArray(DS, x, xOff + ci[k] * n + j).fma(DoubleVector.broadcast(DS, v[vOff + k]), c);
                c.intoArray(y, yo + j);
            }
            if (j < n) {
                for (int k = s; k < e; k++) {
                    double a = v[vOff + k];
                    int xo = xOff + ci[k] * n;
                    for (int t = j; t < n; t++) y[yo + t] += a * x[xo + t];
                }
            }
        }
    }
}
