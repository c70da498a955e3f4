package dev.teak.tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.Backend;
import dev.teak.tensor.NdArray;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The fused float32 layer-norm rows against the formulas in float64 (a naive loop), forward
 * and the input gradient, on random row counts and lengths, with and without weight and bias.
 */
class CpuLayerNormTest {
    @Test
    void fusedRowsMatchTheFormulasInDouble() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int rows = r.nextInt(0, 40), n = r.nextInt(1, 300);
            boolean affine = r.nextBoolean();
            double eps = 1e-5;
            double[] x = values(r, rows * n, 3), w = values(r, n, 1), b = values(r, n, 1), g = values(r, rows * n, 1);
            NdArray xa = f32(x, rows, n), wa = affine ? f32(w, n) : null, ba = affine ? f32(b, n) : null;
            Backend be = xa.backend();
            NdArray[] got = be.layerNormRows(xa, wa, ba, eps);
            assertNotNull(got, "the CPU backend has the fused kernel for float32");
            NdArray dx = be.layerNormRowsBackward(f32(g, rows, n), got[1], got[2], wa);
            assertNotNull(dx);
            float[] y = got[0].toFloatArray(), d = dx.toFloatArray();
            for (int row = 0; row < rows; row++) {
                // float64 reference from the float32-rounded inputs
                double mean = 0, var = 0, a = 0, c = 0, meanAbs = 0;
                for (int j = 0; j < n; j++) { mean += (float) x[row * n + j]; meanAbs += Math.abs((float) x[row * n + j]); }
                mean /= n;
                meanAbs /= n;
                for (int j = 0; j < n; j++) var += sq((float) x[row * n + j] - mean);
                double inv = 1 / Math.sqrt(var / n + eps);
                double[] xh = new double[n], gw = new double[n];
                for (int j = 0; j < n; j++) {
                    xh[j] = ((float) x[row * n + j] - mean) * inv;
                    gw[j] = (float) g[row * n + j] * (affine ? (float) w[j] : 1);
                    a += gw[j] / n;
                    c += gw[j] * xh[j] / n;
                }
                // The kernel sums the row in float: its mean is off by up to about n eps mean|x|, which
                // shifts every xhat by that times rstd (a row far from zero, e.g. mean 5 and spread 3
                // over 300 values, loses about 1e-4 there).
                double shiftErr = 2 * n * Math.ulp(1f) * meanAbs * inv;
                for (int j = 0; j < n; j++) {
                    double want = affine ? xh[j] * (float) w[j] + (float) b[j] : xh[j];
                    double wAbs = affine ? Math.abs((float) w[j]) : 1;
                    close("y", seed, row, j, want, y[row * n + j], (1e-5 + shiftErr) * (1 + Math.abs(xh[j])) * (1 + wAbs));
                    double wantDx = inv * (gw[j] - a - xh[j] * c);
                    close("dx", seed, row, j, wantDx, d[row * n + j],
                            (2e-5 + shiftErr) * inv * (1 + Math.abs(gw[j]) + Math.abs(xh[j] * c) + Math.abs(c)));
                }
            }
        });
    }

    private static void close(String what, long seed, int row, int j, double want, float got, double tol) {
        assertTrue(Math.abs(want - got) <= tol, what + "[" + row + "][" + j + "] = " + got + ", expected " + want + " (seed " + seed + ")");
    }

    private static double sq(double v) { return v * v; }

    private static double[] values(SplittableRandom r, int n, double scale) {
        double[] v = new double[n];
        double shift = r.nextDouble(-5, 5);
        for (int i = 0; i < n; i++) v[i] = shift + scale * r.nextGaussian();
        return v;
    }

    private static NdArray f32(double[] v, int... shape) {
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) f[i] = (float) v[i];
        return NdArray.of(f, shape);
    }
}
