package dev.teak.tensor;

import dev.teak.tensor.Reductions.ValuesAndIndices;

/**
 * Max and average pooling over {@code [N, C, H, W]} and {@code [N, C, L]} with PyTorch's
 * semantics ({@code max_pool2d}, {@code avg_pool2d}, and the 1-D forms; floor mode, no
 * {@code ceil_mode}). Each channel is pooled on its own: the input is seen as
 * {@code [N*C, 1, H, W]}, unfolded with {@link Convolution#im2col} into
 * {@code [N*C, kh*kw, outH*outW]}, and reduced over the taps.
 *
 * <p>Max pooling pads with {@code -inf} (so padding never wins); average pooling pads with 0
 * and divides by the window size, or, without {@code countIncludePad}, by the number of real
 * input elements under the window. Padding may be at most half the kernel, as in PyTorch.
 */
public final class Pooling {
    private Pooling() {}

    /**
     * Max pooling ({@code torch.nn.functional.max_pool2d}); {@code kernel}, {@code stride},
     * {@code padding}, {@code dilation} hold one value for both axes or (height, width);
     * a null stride means the kernel size.
     */
    public static NdArray maxPool2d(NdArray x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return max("maxPool2d", x, kernel, stride, padding, dilation, false).values();
    }

    /** Max pooling with a square window whose stride is its size. */
    public static NdArray maxPool2d(NdArray x, int kernel) {
        return maxPool2d(x, new int[] {kernel}, null, new int[] {0}, new int[] {1});
    }

    /**
     * Max pooling that also returns, for every output, the int64 position {@code h * W + w} of
     * the chosen element in its input plane ({@code return_indices=True}); the first maximum of
     * a window wins.
     */
    public static ValuesAndIndices maxPool2dWithIndices(NdArray x, int[] kernel, int[] stride, int[] padding, int[] dilation) {
        return max("maxPool2d", x, kernel, stride, padding, dilation, true);
    }

    /** Average pooling ({@code torch.nn.functional.avg_pool2d}); a null stride means the kernel size. */
    public static NdArray avgPool2d(NdArray x, int[] kernel, int[] stride, int[] padding, boolean countIncludePad) {
        String op = "avgPool2d";
        Convolution.rank(op, "input", x, 4);
        Convolution.requireFloating(op, x);
        int[] k = Convolution.pair(op, "kernel", kernel);
        int[] pad = Convolution.pair(op, "padding", padding);
        ConvGeometry g = planeGeometry(op, x, k, stride == null ? k : Convolution.pair(op, "stride", stride), pad, new int[] {1, 1});
        int n = x.size(0), c = x.size(1);
        NdArray cols = Convolution.im2col(planes(x), g); // [N*C, kh*kw, L], zero in the padding
        NdArray sums = Reductions.sum(cols, new int[] {1}, false); // [N*C, L]
        NdArray avg;
        if (countIncludePad || (pad[0] == 0 && pad[1] == 0)) {
            avg = sums.div(k[0] * k[1]);
        } else {
            // Real elements under each window: unfold a plane of ones the same way.
            NdArray ones = NdArray.zeros(x.backend(), x.dtype(), 1, 1, g.h(), g.w()).fill(1);
            avg = sums.div(Reductions.sum(Convolution.im2col(ones, g), new int[] {1}, false));
        }
        return avg.view(n, c, g.outH(), g.outW());
    }

    /** Average pooling with a square window whose stride is its size. */
    public static NdArray avgPool2d(NdArray x, int kernel) {
        return avgPool2d(x, new int[] {kernel}, null, new int[] {0}, true);
    }

    /** Max pooling over {@code [N, C, L]} ({@code max_pool1d}); stride 0 means the kernel size. */
    public static NdArray maxPool1d(NdArray x, int kernel, int stride, int padding, int dilation) {
        Convolution.rank("maxPool1d", "input", x, 3);
        int s = stride == 0 ? kernel : stride;
        return max("maxPool1d", x.unsqueeze(2), new int[] {1, kernel}, new int[] {1, s}, new int[] {0, padding},
                new int[] {1, dilation}, false).values().squeeze(2);
    }

    /** Average pooling over {@code [N, C, L]} ({@code avg_pool1d}); stride 0 means the kernel size. */
    public static NdArray avgPool1d(NdArray x, int kernel, int stride, int padding, boolean countIncludePad) {
        Convolution.rank("avgPool1d", "input", x, 3);
        int s = stride == 0 ? kernel : stride;
        return avgPool2d(x.unsqueeze(2), new int[] {1, kernel}, new int[] {1, s}, new int[] {0, padding}, countIncludePad).squeeze(2);
    }

    private static ValuesAndIndices max(String op, NdArray x, int[] kernel, int[] stride, int[] padding, int[] dilation, boolean indices) {
        Convolution.rank(op, "input", x, 4);
        Convolution.requireFloating(op, x);
        int[] k = Convolution.pair(op, "kernel", kernel);
        int[] pad = Convolution.pair(op, "padding", padding);
        int[] dil = Convolution.pair(op, "dilation", dilation);
        int[] st = stride == null ? k : Convolution.pair(op, "stride", stride);
        planeGeometry(op, x, k, st, pad, dil); // validates against the unpadded input
        int n = x.size(0), c = x.size(1), h = x.size(2), w = x.size(3);
        // Pad with -inf ourselves, then unfold without padding: im2col would pad with zeros.
        NdArray padded = Joining.pad(planes(x), new int[] {pad[1], pad[1], pad[0], pad[0]}, Double.NEGATIVE_INFINITY);
        ConvGeometry g = new ConvGeometry(1, h + 2 * pad[0], w + 2 * pad[1], k[0], k[1], st[0], st[1], 0, 0, dil[0], dil[1]);
        NdArray cols = Convolution.im2col(padded, g); // [N*C, kh*kw, L]
        ValuesAndIndices best = Reductions.maxWithIndices(cols, 1, true); // [N*C, 1, L]
        NdArray values = best.values().view(n, c, g.outH(), g.outW());
        if (!indices) return new ValuesAndIndices(values, null);
        // Map each tap to its input position by unfolding a plane that holds h * W + w
        // (float64 is exact for any plane a Java array can hold; -1 marks the padding).
        double[] pos = new double[h * w];
        for (int i = 0; i < pos.length; i++) pos[i] = i;
        NdArray plane = NdArray.of(pos, 1, 1, h, w);
        if (!plane.device().equals(x.device())) plane = plane.to(x.device());
        NdArray posCols = Convolution.im2col(Joining.pad(plane, new int[] {pad[1], pad[1], pad[0], pad[0]}, -1), g);
        NdArray where = Indexing.gather(posCols.expand(n * c, -1, -1), 1, best.indices());
        return new ValuesAndIndices(values, where.to(DType.INT64).view(n, c, g.outH(), g.outW()));
    }

    /** {@code [N, C, H, W]} viewed as {@code N*C} single-channel planes. */
    private static NdArray planes(NdArray x) {
        return x.reshape(x.size(0) * x.size(1), 1, x.size(2), x.size(3));
    }

    /** The single-channel geometry after checking PyTorch's rule that padding is at most half the kernel. */
    private static ConvGeometry planeGeometry(String op, NdArray x, int[] k, int[] stride, int[] pad, int[] dil) {
        if (pad[0] > k[0] / 2 || pad[1] > k[1] / 2) {
            throw new IllegalArgumentException(op + ": padding " + pad[0] + "x" + pad[1] + " must be at most half the kernel "
                    + k[0] + "x" + k[1] + " (input of shape " + Shape.str(x.shape()) + ")");
        }
        return Convolution.geometry(op, x.shape(), 1, k[0], k[1], stride, pad, dil);
    }
}
