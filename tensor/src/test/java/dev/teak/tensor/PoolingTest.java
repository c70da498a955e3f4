package dev.teak.tensor;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.tensor.Reductions.ValuesAndIndices;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Max and average pooling, 2-D and 1-D, against direct loops over each window. */
class PoolingTest {

    /** Window statistics of one output position, by direct loops. */
    private record Window(double max, int argmax, double sum, int count) {}

    private static Window window(double[] in, int plane, int h, int w, int y, int x, int[] k, int[] st, int[] pad, int[] dil) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        int arg = -1, count = 0;
        for (int i = 0; i < k[0]; i++)
            for (int j = 0; j < k[1]; j++) {
                int iy = y * st[0] - pad[0] + i * dil[0], ix = x * st[1] - pad[1] + j * dil[1];
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                double v = in[plane * h * w + iy * w + ix];
                sum += v;
                count++;
                if (v > max || arg < 0) { max = v; arg = iy * w + ix; } // first maximum wins
            }
        return new Window(max, arg, sum, count);
    }

    private static int out(int in, int k, int st, int pad, int dil) { return (in + 2 * pad - dil * (k - 1) - 1) / st + 1; }

    @Test
    void pooling2dMatchesLoops() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int n = 1 + rnd.nextInt(2), c = 1 + rnd.nextInt(3);
            int[] k = {1 + rnd.nextInt(3), 1 + rnd.nextInt(3)}, st = {1 + rnd.nextInt(3), 1 + rnd.nextInt(3)};
            int[] pad = {rnd.nextInt(k[0] / 2 + 1), rnd.nextInt(k[1] / 2 + 1)}, dil = {1 + rnd.nextInt(2), 1 + rnd.nextInt(2)};
            int h = Math.max(1, dil[0] * (k[0] - 1) + 1 - 2 * pad[0]) + rnd.nextInt(4);
            int w = Math.max(1, dil[1] * (k[1] - 1) + 1 - 2 * pad[1]) + rnd.nextInt(4);
            DType t = rnd.nextBoolean() ? DType.FLOAT64 : DType.FLOAT32;
            // Negative values make a zero-padded max wrong; small integers make ties.
            RandomLayouts.Sample x;
            if (rnd.nextBoolean()) {
                x = RandomLayouts.gaussian(rnd, t, n, c, h, w);
            } else {
                double[] v = negatives(rnd, n * c * h * w);
                x = new RandomLayouts.Sample(RandomLayouts.layout(rnd, v, t, n, c, h, w), v);
            }
            ValuesAndIndices mp = Pooling.maxPool2dWithIndices(x.array(), k, st, pad, dil);
            int[] unit = {1, 1};
            NdArray avgIn = Pooling.avgPool2d(x.array(), k, st, pad, true), avgEx = Pooling.avgPool2d(x.array(), k, st, pad, false);
            int oh = out(h, k[0], st[0], pad[0], dil[0]), ow = out(w, k[1], st[1], pad[1], dil[1]);
            int ah = out(h, k[0], st[0], pad[0], 1), aw = out(w, k[1], st[1], pad[1], 1);
            assertArrayEquals(new int[] {n, c, oh, ow}, mp.values().shape());
            assertArrayEquals(new int[] {n, c, ah, aw}, avgIn.shape());
            double[] mv = mp.values().toDoubleArray(), mi = mp.indices().toDoubleArray();
            double[] ai = avgIn.toDoubleArray(), ae = avgEx.toDoubleArray();
            double tol = t == DType.FLOAT64 ? 1e-12 : 1e-5;
            for (int p = 0; p < n * c; p++) {
                for (int y = 0; y < oh; y++)
                    for (int xx = 0; xx < ow; xx++) {
                        Window win = window(x.values(), p, h, w, y, xx, k, st, pad, dil);
                        assertEquals(win.max(), mv[(p * oh + y) * ow + xx], 0.0);
                        assertEquals(win.argmax(), (int) mi[(p * oh + y) * ow + xx]);
                    }
                for (int y = 0; y < ah; y++)
                    for (int xx = 0; xx < aw; xx++) {
                        Window win = window(x.values(), p, h, w, y, xx, k, st, pad, unit);
                        assertEquals(win.sum() / (k[0] * k[1]), ai[(p * ah + y) * aw + xx], tol);
                        assertEquals(win.sum() / win.count(), ae[(p * ah + y) * aw + xx], tol);
                    }
            }
        });
    }

    private static double[] negatives(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = -1 - rnd.nextInt(3);
        return v;
    }

    @Test
    void pooling1dMatchesLoops() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int n = 1 + rnd.nextInt(2), c = 1 + rnd.nextInt(3), k = 1 + rnd.nextInt(4), pad = rnd.nextInt(k / 2 + 1);
            int st = rnd.nextInt(3), dil = 1 + rnd.nextInt(2); // stride 0 means the kernel size
            int l = Math.max(1, dil * (k - 1) + 1 - 2 * pad) + rnd.nextInt(5);
            double[] v = negatives(rnd, n * c * l);
            NdArray x = RandomLayouts.layout(rnd, v, DType.FLOAT64, n, c, l);
            boolean includePad = rnd.nextBoolean();
            NdArray mp = Pooling.maxPool1d(x, k, st, pad, dil), ap = Pooling.avgPool1d(x, k, st, pad, includePad);
            int s = st == 0 ? k : st, ol = out(l, k, s, pad, dil), al = out(l, k, s, pad, 1);
            assertArrayEquals(new int[] {n, c, ol}, mp.shape());
            assertArrayEquals(new int[] {n, c, al}, ap.shape());
            double[] got = mp.toDoubleArray();
            for (int p = 0; p < n * c; p++)
                for (int o = 0; o < ol; o++) {
                    Window win = window(v, p, 1, l, 0, o, new int[] {1, k}, new int[] {1, s}, new int[] {0, pad}, new int[] {1, dil});
                    assertEquals(win.max(), got[p * ol + o], 0.0);
                }
            double[] avg = ap.toDoubleArray();
            for (int p = 0; p < n * c; p++)
                for (int o = 0; o < al; o++) {
                    Window win = window(v, p, 1, l, 0, o, new int[] {1, k}, new int[] {1, s}, new int[] {0, pad}, new int[] {1, 1});
                    assertEquals(win.sum() / (includePad ? k : win.count()), avg[p * al + o], 1e-12);
                }
        });
    }

    @Test
    void handValues() {
        NdArray x = NdArray.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, 1, 1, 4, 4);
        assertArrayEquals(new float[] {6, 8, 14, 16}, Pooling.maxPool2d(x, 2).toFloatArray());
        assertArrayEquals(new float[] {3.5f, 5.5f, 11.5f, 13.5f}, Pooling.avgPool2d(x, 2).toFloatArray());
        // padding 1 around a 3x3 window, stride 2: corners average over 4 real elements of 9 slots
        NdArray inc = Pooling.avgPool2d(x, new int[] {3}, new int[] {2}, new int[] {1}, true);
        NdArray exc = Pooling.avgPool2d(x, new int[] {3}, new int[] {2}, new int[] {1}, false);
        assertEquals((1 + 2 + 5 + 6) / 9f, inc.getDouble(0, 0, 0, 0), 1e-6);
        assertEquals((1 + 2 + 5 + 6) / 4f, exc.getDouble(0, 0, 0, 0), 1e-6);
    }

    @Test
    void errorsNameOpShapesAndArgument() {
        NdArray x = NdArray.zeros(1, 2, 4, 4);
        String m = assertThrows(IllegalArgumentException.class,
                () -> Pooling.maxPool2d(x, new int[] {2}, null, new int[] {2}, new int[] {1})).getMessage();
        assertTrue(m.startsWith("maxPool2d:") && m.contains("padding 2x2") && m.contains("half the kernel") && m.contains("[1, 2, 4, 4]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Pooling.avgPool2d(x, 5)).getMessage();
        assertTrue(m.startsWith("avgPool2d:") && m.contains("too small") && m.contains("[1, 2, 4, 4]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool2d(NdArray.zeros(2, 4, 4), 2)).getMessage();
        assertTrue(m.startsWith("maxPool2d:") && m.contains("rank 4") && m.contains("[2, 4, 4]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool1d(NdArray.zeros(1, 1, 3), 5, 0, 0, 1)).getMessage();
        assertTrue(m.startsWith("maxPool1d:") && m.contains("too small"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Pooling.maxPool2d(NdArray.zeros(DType.INT64, 1, 1, 4, 4), 2)).getMessage();
        assertTrue(m.startsWith("maxPool2d:") && m.contains("int64"), m);
    }
}
