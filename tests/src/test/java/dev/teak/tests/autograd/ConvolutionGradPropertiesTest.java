package dev.teak.tests.autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.teak.autograd.Convolutions;
import dev.teak.autograd.Tensor;
import dev.teak.tensor.Convolution;
import dev.teak.tensor.NdArray;
import dev.teak.tensor.Pooling;
import dev.teak.tests.autograd.Inputs.Domain;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * conv1d/conv2d (im2col + matmul) and pooling: finite differences, values against a naive loop,
 * and against the tensor core's own Convolution and Pooling (groups, dilation, padding modes).
 */
class ConvolutionGradPropertiesTest {
    /** Direct six-loop cross-correlation, the independent reference for the forward values. */
    static double[] naiveConv2d(NdArray x, NdArray w, int stride, int pad, int oh, int ow) {
        int n = x.size(0), c = x.size(1), h = x.size(2), wd = x.size(3), o = w.size(0), kh = w.size(2), kw = w.size(3);
        double[] out = new double[n * o * oh * ow];
        for (int b = 0; b < n; b++) for (int f = 0; f < o; f++) for (int y = 0; y < oh; y++) for (int z = 0; z < ow; z++) {
            double acc = 0;
            for (int ch = 0; ch < c; ch++) for (int i = 0; i < kh; i++) for (int j = 0; j < kw; j++) {
                int iy = y * stride - pad + i, ix = z * stride - pad + j;
                if (iy >= 0 && iy < h && ix >= 0 && ix < wd) acc += x.getDouble(b, ch, iy, ix) * w.getDouble(f, ch, i, j);
            }
            out[((b * o + f) * oh + y) * ow + z] = acc;
        }
        return out;
    }

    @Test
    void conv2dMatchesNaiveLoopAndFiniteDifferences() {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = r.nextInt(1, 3), c = r.nextInt(1, 3), o = r.nextInt(1, 3), k = r.nextInt(1, 4);
            int h = r.nextInt(k, 5), w = r.nextInt(k, 5), stride = r.nextInt(1, 3), pad = r.nextInt(0, k);
            Tensor x = Inputs.leaf(r, new int[] {n, c, h, w}, Domain.ANY);
            Tensor wt = Inputs.leaf(r, new int[] {o, c, k, k}, Domain.ANY), b = Inputs.leaf(r, new int[] {o}, Domain.ANY);
            Tensor y = Convolutions.conv2d(x, wt, b, stride, pad);
            double[] ref = naiveConv2d(x.data(), wt.data(), stride, pad, y.size(2), y.size(3));
            double[] bias = b.data().toDoubleArray();
            for (int i = 0; i < ref.length; i++) ref[i] += bias[(i / (y.size(2) * y.size(3))) % o];
            assertArrayEquals(ref, y.data().toDoubleArray(), 1e-12, "conv2d values, seed " + seed);
            Checks.firstOrder("conv2d", in -> Convolutions.conv2d(in[0], in[1], in[2], stride, pad), seed, x, wt, b);
        });
    }

    @Test
    void groupedDilatedConvMatchesTheCoreAndFiniteDifferences() {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int groups = r.nextInt(1, 3), n = r.nextInt(1, 3), c = groups * r.nextInt(1, 3), o = groups * r.nextInt(1, 3);
            int k = r.nextInt(1, 3), dil = r.nextInt(1, 3), stride = r.nextInt(1, 3), pad = r.nextInt(0, 2);
            int h = r.nextInt(dil * (k - 1) + 1, 5), w = r.nextInt(dil * (k - 1) + 1, 5);
            Tensor x = Inputs.leaf(r, new int[] {n, c, h, w}, Domain.ANY);
            Tensor wt = Inputs.leaf(r, new int[] {o, c / groups, k, k}, Domain.ANY), b = Inputs.leaf(r, new int[] {o}, Domain.ANY);
            int[] st = {stride}, pd = {pad}, dl = {dil};
            NdArray ref = Convolution.conv2d(x.data(), wt.data(), b.data(), st, pd, dl, groups);
            assertArrayEquals(ref.toDoubleArray(), Convolutions.conv2d(x, wt, b, st, pd, dl, groups).data().toDoubleArray(), 1e-12,
                    "conv2d values against the core, seed " + seed);
            Checks.firstOrder("conv2d groups", in -> Convolutions.conv2d(in[0], in[1], in[2], st, pd, dl, groups), seed, x, wt, b);
            Tensor x1 = Inputs.leaf(r, new int[] {n, c, w + 2}, Domain.ANY), w1 = Inputs.leaf(r, new int[] {o, c / groups, k}, Domain.ANY);
            assertArrayEquals(Convolution.conv1d(x1.data(), w1.data(), null, stride, pad, dil, groups).toDoubleArray(),
                    Convolutions.conv1d(x1, w1, null, stride, pad, dil, groups).data().toDoubleArray(), 1e-12, "conv1d, seed " + seed);
            Checks.firstOrder("conv1d", in -> Convolutions.conv1d(in[0], in[1], null, stride, pad, dil, groups), seed, x1, w1);
        });
    }

    @Test
    void poolingMatchesTheCoreAndFiniteDifferences() {
        qt().withExamples(40).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            int n = r.nextInt(1, 3), c = r.nextInt(1, 3), k = r.nextInt(1, 4), stride = r.nextInt(1, 3), pad = r.nextInt(0, k / 2 + 1);
            int dil = r.nextInt(1, 3), h = r.nextInt(dil * (k - 1) + 1, 6), w = r.nextInt(dil * (k - 1) + 1, 6);
            boolean include = r.nextBoolean();
            Tensor x = Inputs.leaf(r, new int[] {n, c, h, w}, Domain.ANY);
            int[] kk = {k}, st = {stride}, pd = {pad}, dl = {dil};
            assertArrayEquals(Pooling.maxPool2d(x.data(), kk, st, pd, dl).toDoubleArray(),
                    Convolutions.maxPool2d(x, kk, st, pd, dl).data().toDoubleArray(), 0, "maxPool2d, seed " + seed);
            assertArrayEquals(Pooling.avgPool2d(x.data(), kk, st, pd, include).toDoubleArray(),
                    Convolutions.avgPool2d(x, kk, st, pd, include).data().toDoubleArray(), 1e-12, "avgPool2d, seed " + seed);
            // Distinct random values: each window's maximum is unique, so max pooling is smooth there.
            Checks.firstOrder("maxPool2d", in -> Convolutions.maxPool2d(in[0], kk, st, pd, dl), seed, x);
            Checks.firstOrder("avgPool2d", in -> Convolutions.avgPool2d(in[0], kk, st, pd, include), seed, x);
            Tensor x1 = Inputs.leaf(r, new int[] {n, c, w + 1}, Domain.ANY);
            assertArrayEquals(Pooling.maxPool1d(x1.data(), k, stride, pad, dil).toDoubleArray(),
                    Convolutions.maxPool1d(x1, k, stride, pad, dil).data().toDoubleArray(), 0, "maxPool1d, seed " + seed);
            Checks.firstOrder("maxPool1d", in -> Convolutions.maxPool1d(in[0], k, stride, pad, dil), seed, x1);
            Checks.firstOrder("avgPool1d", in -> Convolutions.avgPool1d(in[0], k, stride, pad, include), seed, x1);
        });
    }

    @Test
    void conv2dSecondOrder() {
        qt().withExamples(15).forAll(longs().all()).checkAssert(seed -> {
            SplittableRandom r = new SplittableRandom(seed);
            Tensor x = Inputs.leaf(r, new int[] {1, 2, 3, 3}, Domain.ANY), w = Inputs.leaf(r, new int[] {2, 2, 2, 2}, Domain.ANY);
            Checks.secondOrder("conv2d", in -> Convolutions.conv2d(in[0], in[1], null, 1, 1).square(), seed, x, w);
        });
    }
}
