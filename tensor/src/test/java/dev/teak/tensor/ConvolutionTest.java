package dev.teak.tensor;

import static org.junit.jupiter.api.Assertions.*;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * conv2d and conv1d against a direct loop convolution with random stride, padding, dilation and
 * groups; im2col against its definition; col2im as the adjoint of im2col.
 */
class ConvolutionTest {

    /** A size along one axis that leaves at least one output position for the window. */
    private static int inputSize(Random rnd, int k, int pad, int dil) {
        int span = dil * (k - 1) + 1;
        return Math.max(1, span - 2 * pad) + rnd.nextInt(4);
    }

    /**
     * out[n,o,y,x] = b[o] + sum_{c,i,j} w[o,c,i,j] * in[n, g*Cg + c, y*sh - ph + i*dh, x*sw - pw + j*dw],
     * zero outside the input, g = o / Og.
     */
    private static double[] directConv(double[] in, int[] s, double[] w, int[] ws, double[] b, int[] st, int[] pad, int[] dil,
                                       int groups, int oh, int ow) {
        int n = s[0], c = s[1], h = s[2], wd = s[3], o = ws[0], cg = ws[1], kh = ws[2], kw = ws[3], og = o / groups;
        double[] out = new double[n * o * oh * ow];
        for (int bi = 0; bi < n; bi++)
            for (int oc = 0; oc < o; oc++)
                for (int y = 0; y < oh; y++)
                    for (int x = 0; x < ow; x++) {
                        double acc = b == null ? 0 : b[oc];
                        for (int ci = 0; ci < cg; ci++)
                            for (int i = 0; i < kh; i++)
                                for (int j = 0; j < kw; j++) {
                                    int iy = y * st[0] - pad[0] + i * dil[0], ix = x * st[1] - pad[1] + j * dil[1];
                                    if (iy < 0 || iy >= h || ix < 0 || ix >= wd) continue;
                                    int ch = (oc / og) * cg + ci;
                                    acc += w[((oc * cg + ci) * kh + i) * kw + j] * in[((bi * c + ch) * h + iy) * wd + ix];
                                }
                        out[((bi * o + oc) * oh + y) * ow + x] = acc;
                    }
        return out;
    }

    private static int out(int in, int k, int st, int pad, int dil) { return (in + 2 * pad - dil * (k - 1) - 1) / st + 1; }

    @Test
    void conv2dMatchesDirectLoop() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int groups = 1 + rnd.nextInt(3), n = 1 + rnd.nextInt(2), cg = 1 + rnd.nextInt(3), og = 1 + rnd.nextInt(3);
            int kh = 1 + rnd.nextInt(3), kw = 1 + rnd.nextInt(3);
            int[] st = {1 + rnd.nextInt(3), 1 + rnd.nextInt(3)}, pad = {rnd.nextInt(3), rnd.nextInt(3)};
            int[] dil = {1 + rnd.nextInt(2), 1 + rnd.nextInt(2)};
            int h = inputSize(rnd, kh, pad[0], dil[0]), w = inputSize(rnd, kw, pad[1], dil[1]);
            int[] xs = {n, groups * cg, h, w}, ws = {groups * og, cg, kh, kw};
            DType t = rnd.nextBoolean() ? DType.FLOAT64 : DType.FLOAT32;
            RandomLayouts.Sample x = RandomLayouts.gaussian(rnd, t, xs), wt = RandomLayouts.gaussian(rnd, t, ws);
            RandomLayouts.Sample b = rnd.nextBoolean() ? RandomLayouts.gaussian(rnd, t, ws[0]) : null;
            NdArray y = Convolution.conv2d(x.array(), wt.array(), b == null ? null : b.array(), st, pad, dil, groups);
            int oh = out(h, kh, st[0], pad[0], dil[0]), ow = out(w, kw, st[1], pad[1], dil[1]);
            assertArrayEquals(new int[] {n, ws[0], oh, ow}, y.shape());
            assertEquals(t, y.dtype());
            double[] expected = directConv(x.values(), xs, wt.values(), ws, b == null ? null : b.values(), st, pad, dil, groups, oh, ow);
            assertArrayEquals(expected, y.toDoubleArray(), t == DType.FLOAT64 ? 1e-10 : 1e-4);
        });
    }

    @Test
    void conv1dMatchesDirectLoop() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int groups = 1 + rnd.nextInt(2), n = 1 + rnd.nextInt(2), cg = 1 + rnd.nextInt(3), og = 1 + rnd.nextInt(3);
            int k = 1 + rnd.nextInt(4), st = 1 + rnd.nextInt(3), pad = rnd.nextInt(3), dil = 1 + rnd.nextInt(3);
            int l = inputSize(rnd, k, pad, dil);
            int[] xs = {n, groups * cg, l}, ws = {groups * og, cg, k};
            RandomLayouts.Sample x = RandomLayouts.gaussian(rnd, DType.FLOAT64, xs), wt = RandomLayouts.gaussian(rnd, DType.FLOAT64, ws);
            RandomLayouts.Sample b = RandomLayouts.gaussian(rnd, DType.FLOAT64, ws[0]);
            NdArray y = Convolution.conv1d(x.array(), wt.array(), b.array(), st, pad, dil, groups);
            int ol = out(l, k, st, pad, dil);
            assertArrayEquals(new int[] {n, ws[0], ol}, y.shape());
            double[] expected = directConv(x.values(), new int[] {n, xs[1], 1, l}, wt.values(), new int[] {ws[0], cg, 1, k},
                    b.values(), new int[] {1, st}, new int[] {0, pad}, new int[] {1, dil}, groups, 1, ol);
            assertArrayEquals(expected, y.toDoubleArray(), 1e-10);
        });
    }

    private static ConvGeometry randomGeometry(Random rnd, int c) {
        int kh = 1 + rnd.nextInt(3), kw = 1 + rnd.nextInt(3), sh = 1 + rnd.nextInt(3), sw = 1 + rnd.nextInt(3);
        int ph = rnd.nextInt(3), pw = rnd.nextInt(3), dh = 1 + rnd.nextInt(2), dw = 1 + rnd.nextInt(2);
        return new ConvGeometry(c, inputSize(rnd, kh, ph, dh), inputSize(rnd, kw, pw, dw), kh, kw, sh, sw, ph, pw, dh, dw);
    }

    @Test
    void im2colMatchesItsDefinition() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int n = 1 + rnd.nextInt(2), c = 1 + rnd.nextInt(3);
            ConvGeometry g = randomGeometry(rnd, c);
            DType t = rnd.nextBoolean() ? DType.FLOAT64 : DType.FLOAT32;
            int[] xs = {n, c, g.h(), g.w()};
            RandomLayouts.Sample x = RandomLayouts.gaussian(rnd, t, xs);
            double[] cols = Convolution.im2col(x.array(), g).toDoubleArray();
            int oh = g.outH(), ow = g.outW(), rows = c * g.kh() * g.kw();
            assertEquals(n * rows * oh * ow, cols.length);
            for (int b = 0; b < n; b++)
                for (int ch = 0; ch < c; ch++)
                    for (int i = 0; i < g.kh(); i++)
                        for (int j = 0; j < g.kw(); j++)
                            for (int y = 0; y < oh; y++)
                                for (int xx = 0; xx < ow; xx++) {
                                    int iy = y * g.strideH() - g.padH() + i * g.dilH(), ix = xx * g.strideW() - g.padW() + j * g.dilW();
                                    boolean in = iy >= 0 && iy < g.h() && ix >= 0 && ix < g.w();
                                    double expected = in ? x.values()[((b * c + ch) * g.h() + iy) * g.w() + ix] : 0;
                                    int r = (ch * g.kh() + i) * g.kw() + j;
                                    assertEquals(expected, cols[((b * rows + r) * oh + y) * ow + xx], 0.0);
                                }
        });
    }

    @Test
    void col2imIsTheAdjointOfIm2col() {
        qt().withExamples(150).forAll(longs().all()).checkAssert(seed -> {
            Random rnd = new Random(seed);
            int n = 1 + rnd.nextInt(2), c = 1 + rnd.nextInt(3);
            ConvGeometry g = randomGeometry(rnd, c);
            DType t = rnd.nextBoolean() ? DType.FLOAT64 : DType.FLOAT32;
            RandomLayouts.Sample x = RandomLayouts.gaussian(rnd, t, n, c, g.h(), g.w());
            RandomLayouts.Sample y = RandomLayouts.gaussian(rnd, t, n, g.colRows(), g.outH() * g.outW());
            // <im2col(x), y> == <x, col2im(y)>
            double[] ax = Convolution.im2col(x.array(), g).toDoubleArray(), aty = Convolution.col2im(y.array(), g, n).toDoubleArray();
            double lhs = 0, rhs = 0, scale = 0;
            for (int i = 0; i < ax.length; i++) { lhs += ax[i] * y.values()[i]; scale += Math.abs(ax[i] * y.values()[i]); }
            for (int i = 0; i < aty.length; i++) rhs += x.values()[i] * aty[i];
            assertEquals(lhs, rhs, (t == DType.FLOAT64 ? 1e-12 : 1e-5) * (1 + scale));
        });
    }

    @Test
    void largeInputsThatSplitAcrossThreadsMatchTheLoop() {
        Random rnd = new Random(7);
        int[] xs = {2, 8, 40, 40}, ws = {4, 8, 3, 3}, st = {1, 1}, pad = {1, 1}, dil = {1, 1};
        RandomLayouts.Sample x = RandomLayouts.gaussian(rnd, DType.FLOAT32, xs), w = RandomLayouts.gaussian(rnd, DType.FLOAT32, ws);
        NdArray y = Convolution.conv2d(x.array(), w.array(), null, st, pad, dil, 1);
        assertArrayEquals(directConv(x.values(), xs, w.values(), ws, null, st, pad, dil, 1, 40, 40), y.toDoubleArray(), 1e-4);
        // col2im of the all-ones columns counts the windows covering each pixel: 9 inside, 4 at corners.
        ConvGeometry g = ConvGeometry.of2d(8, 40, 40, 3, 3, 1, 1, 1);
        NdArray counts = Convolution.col2im(NdArray.ones(2, g.colRows(), 1600), g, 2);
        assertEquals(9f, counts.getDouble(1, 7, 20, 20));
        assertEquals(4f, counts.getDouble(1, 7, 39, 0));
        assertEquals(6f, counts.getDouble(0, 0, 0, 17));
        assertEquals(2 * 8 * (38 * 38 * 9 + 4 * 38 * 6 + 4 * 4), counts.sum().item(), 0.0);
    }

    @Test
    void oneDimensionalUnfoldRoundTrips() {
        ConvGeometry g = ConvGeometry.of1d(2, 5, 3, 2, 1, 1); // outL = (5 + 2 - 2 - 1) / 2 + 1 = 3
        NdArray x = NdArray.of(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, 1, 2, 5);
        NdArray cols = Convolution.im2col1d(x, g);
        assertArrayEquals(new int[] {1, 6, 3}, cols.shape());
        // channel 0, taps 0..2 at output positions 0..2 (input -1, 1, 3 / 0, 2, 4 / 1, 3, 5)
        assertArrayEquals(new float[] {0, 2, 4, 1, 3, 5, 2, 4, 0}, cols.slice(1, 0, 3).toFloatArray());
        NdArray back = Convolution.col2im1d(cols, g, 1);
        // each input element times the number of windows that cover it: 1,2,1,2,1 per channel
        assertArrayEquals(new float[] {1, 4, 3, 8, 5, 6, 14, 8, 18, 10}, back.toFloatArray());
    }

    @Test
    void errorsNameOpShapesAndArgument() {
        NdArray x = NdArray.zeros(1, 4, 5, 5);
        String m = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(x, NdArray.zeros(2, 3, 3, 3), null, 1, 0)).getMessage();
        assertTrue(m.startsWith("conv2d:") && m.contains("[2, 3, 3, 3]") && m.contains("[1, 4, 5, 5]"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(x, NdArray.zeros(2, 4, 7, 7), null, 1, 0)).getMessage();
        assertTrue(m.startsWith("conv2d:") && m.contains("too small") && m.contains("kernel 7x7") && m.contains("[1, 4, 5, 5]"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv2d(x, NdArray.zeros(2, 4, 3, 3), NdArray.zeros(3), 1, 0)).getMessage();
        assertTrue(m.startsWith("conv2d:") && m.contains("bias") && m.contains("[3]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Convolution.conv2d(x, NdArray.zeros(3, 2, 3, 3), null,
                new int[] {1}, new int[] {0}, new int[] {1}, 2)).getMessage();
        assertTrue(m.startsWith("conv2d:") && m.contains("groups = 2") && m.contains("3 output channels"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Convolution.conv2d(x, NdArray.zeros(2, 4, 3, 3), null,
                new int[] {0}, new int[] {0}, new int[] {1}, 1)).getMessage();
        assertTrue(m.startsWith("conv2d:") && m.contains("stride"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Convolution.conv2d(x, NdArray.zeros(2, 4, 3, 3), null,
                new int[] {1, 1, 1}, new int[] {0}, new int[] {1}, 1)).getMessage();
        assertTrue(m.startsWith("conv2d:") && m.contains("stride") && m.contains("[1, 1, 1]"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv1d(NdArray.zeros(1, 2, 3), NdArray.zeros(1, 2, 5), null, 1, 0, 1, 1)).getMessage();
        assertTrue(m.startsWith("conv1d:") && m.contains("too small"), m);
        m = assertThrows(IllegalArgumentException.class,
                () -> Convolution.conv1d(NdArray.zeros(2, 3), NdArray.zeros(1, 2, 5), null, 1, 0, 1, 1)).getMessage();
        assertTrue(m.startsWith("conv1d:") && m.contains("rank 3") && m.contains("[2, 3]"), m);
        ConvGeometry g = ConvGeometry.of2d(3, 5, 5, 3, 3, 1, 0, 1);
        m = assertThrows(IllegalArgumentException.class, () -> Convolution.im2col(x, g)).getMessage();
        assertTrue(m.startsWith("im2col:") && m.contains("[1, 4, 5, 5]") && m.contains("[1, 3, 5, 5]"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Convolution.im2col(NdArray.zeros(DType.INT32, 1, 3, 5, 5), g)).getMessage();
        assertTrue(m.startsWith("im2col:") && m.contains("int32"), m);
        m = assertThrows(IllegalArgumentException.class, () -> Convolution.col2im(NdArray.zeros(1, 27, 8), g, 1)).getMessage();
        assertTrue(m.startsWith("col2im:") && m.contains("[1, 27, 8]") && m.contains("[1, 27, 9]"), m);
    }
}
