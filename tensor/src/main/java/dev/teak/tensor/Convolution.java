package dev.teak.tensor;

import java.util.Arrays;

/**
 * Convolution front ends with PyTorch's semantics: {@code im2col}/{@code col2im}
 * ({@code torch.nn.functional.unfold}/{@code fold} with the spatial positions flattened), their
 * 1-D forms, and {@code conv2d}/{@code conv1d} built as im2col followed by a batched matmul.
 *
 * <p>Convolution here is cross-correlation, as in every deep-learning library:
 * {@code out[n, o, y, x] = bias[o] + sum_{c, i, j} w[o, c, i, j] * in[n, g*C/G + c, y*sh - ph + i*dh, x*sw - pw + j*dw]}
 * with zero outside the input, where {@code g = o / (O/G)} is the group of output channel o.
 * Output size per axis: {@code (in + 2*pad - dil*(k-1) - 1) / stride + 1}.
 */
public final class Convolution {
    private Convolution() {}

    /**
     * Unfolds {@code x [N, C, H, W]} into {@code [N, C*kh*kw, outH*outW]}: row {@code (c, i, j)}
     * holds, for every output position, the input under kernel tap {@code (i, j)} of channel c.
     */
    public static NdArray im2col(NdArray x, ConvGeometry g) {
        checkInput("im2col", x, 4, g);
        NdArray cols = NdArray.empty(x.backend(), x.dtype(), x.size(0), g.colRows(), g.outH() * g.outW()); // padding written as zeros
        if (cols.numel() > 0) x.backend().im2col(x, g, cols);
        return cols;
    }

    /** The adjoint of {@link #im2col}: sums {@code cols [N, C*kh*kw, outH*outW]} back into {@code [N, C, H, W]}. */
    public static NdArray col2im(NdArray cols, ConvGeometry g, int batch) {
        int[] expected = {batch, g.colRows(), g.outH() * g.outW()};
        if (!Arrays.equals(cols.shape(), expected)) {
            throw new IllegalArgumentException("col2im: cols of shape " + Shape.str(cols.shape()) + " do not match " + Shape.str(expected)
                    + " for batch " + batch + " and " + g);
        }
        requireFloating("col2im", cols);
        NdArray x = NdArray.zeros(cols.backend(), cols.dtype(), batch, g.channels(), g.h(), g.w());
        if (x.numel() > 0) cols.backend().col2im(cols, g, x);
        return x;
    }

    /** Unfolds {@code x [N, C, L]} into {@code [N, C*k, outL]} for a 1-D geometry ({@link ConvGeometry#of1d}). */
    public static NdArray im2col1d(NdArray x, ConvGeometry g) {
        require1d("im2col1d", g);
        checkInput("im2col1d", x, 3, g);
        return im2col(x.unsqueeze(2), g);
    }

    /** The adjoint of {@link #im2col1d}: {@code [N, C*k, outL]} back to {@code [N, C, L]}. */
    public static NdArray col2im1d(NdArray cols, ConvGeometry g, int batch) {
        require1d("col2im1d", g);
        return col2im(cols, g, batch).squeeze(2);
    }

    /**
     * 2-D convolution ({@code torch.nn.functional.conv2d}): {@code x [N, C, H, W]},
     * {@code weight [O, C/groups, kh, kw]}, {@code bias [O]} or null; {@code stride},
     * {@code padding}, {@code dilation} hold one value for both axes or (height, width).
     * Returns {@code [N, O, outH, outW]} in the promoted float dtype.
     */
    public static NdArray conv2d(NdArray x, NdArray weight, NdArray bias, int[] stride, int[] padding, int[] dilation, int groups) {
        String op = "conv2d";
        x.requireSameDevice(op, weight);
        if (bias != null) x.requireSameDevice(op, bias);
        rank(op, "input", x, 4);
        rank(op, "weight", weight, 4);
        int n = x.size(0), c = x.size(1), o = weight.size(0), kh = weight.size(2), kw = weight.size(3);
        checkGroups(op, x, weight, groups);
        checkBias(op, bias, o);
        ConvGeometry g = geometry(op, x.shape(), c, kh, kw, pair(op, "stride", stride), pair(op, "padding", padding),
                pair(op, "dilation", dilation));
        DType t = promotedFloat(op, x, weight);
        NdArray cols = im2col(x.to(t), g); // [N, C*kh*kw, L]
        int k = (c / groups) * kh * kw, l = g.outH() * g.outW();
        // Per group: w_g [O/G, K] @ cols_g [K, L]; matmul broadcasts the weight over the batch.
        NdArray out = weight.to(t).reshape(groups, o / groups, k).matmul(cols.view(n, groups, k, l)); // [N, G, O/G, L]
        out = out.view(n, o, g.outH(), g.outW());
        return bias == null ? out : out.add(bias.to(t).view(1, o, 1, 1));
    }

    /** {@link #conv2d} with one stride and padding for both axes, no dilation, one group. */
    public static NdArray conv2d(NdArray x, NdArray weight, NdArray bias, int stride, int padding) {
        return conv2d(x, weight, bias, new int[] {stride}, new int[] {padding}, new int[] {1}, 1);
    }

    /**
     * 1-D convolution ({@code torch.nn.functional.conv1d}): {@code x [N, C, L]},
     * {@code weight [O, C/groups, k]}, {@code bias [O]} or null; returns {@code [N, O, outL]}.
     */
    public static NdArray conv1d(NdArray x, NdArray weight, NdArray bias, int stride, int padding, int dilation, int groups) {
        rank("conv1d", "input", x, 3);
        rank("conv1d", "weight", weight, 3);
        try {
            return conv2d(x.unsqueeze(2), weight.unsqueeze(2), bias, new int[] {1, stride}, new int[] {0, padding},
                    new int[] {1, dilation}, groups).squeeze(2);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage().replace("conv2d", "conv1d") + " (seen as 2-D with height 1)", e);
        }
    }

    // ------------------------------------------------------------------ validation, shared with Pooling

    /** One value for both axes, or (height, width); {@code name} appears in the error. */
    static int[] pair(String op, String name, int[] v) {
        if (v == null || v.length < 1 || v.length > 2) {
            throw new IllegalArgumentException(op + ": " + name + " must hold 1 or 2 values, got " + (v == null ? "null" : Arrays.toString(v)));
        }
        return v.length == 1 ? new int[] {v[0], v[0]} : v.clone();
    }

    /** A geometry over input shape {@code [N, C, H, W]}, with errors that name the op and the input shape. */
    static ConvGeometry geometry(String op, int[] xShape, int channels, int kh, int kw, int[] stride, int[] pad, int[] dil) {
        String what = "kernel " + kh + "x" + kw + ", stride " + stride[0] + "x" + stride[1] + ", padding " + pad[0] + "x" + pad[1]
                + ", dilation " + dil[0] + "x" + dil[1];
        if (kh < 1 || kw < 1) throw new IllegalArgumentException(op + ": kernel size must be positive, got " + what);
        if (stride[0] < 1 || stride[1] < 1) throw new IllegalArgumentException(op + ": stride must be positive, got " + what);
        if (dil[0] < 1 || dil[1] < 1) throw new IllegalArgumentException(op + ": dilation must be positive, got " + what);
        if (pad[0] < 0 || pad[1] < 0) throw new IllegalArgumentException(op + ": padding must be non-negative, got " + what);
        int h = xShape[2], w = xShape[3];
        int oh = ConvGeometry.outSize(h, kh, stride[0], pad[0], dil[0]), ow = ConvGeometry.outSize(w, kw, stride[1], pad[1], dil[1]);
        if (oh < 1 || ow < 1) {
            throw new IllegalArgumentException(op + ": input of shape " + Shape.str(xShape) + " is too small for " + what
                    + " (output would be " + oh + "x" + ow + ")");
        }
        return new ConvGeometry(channels, h, w, kh, kw, stride[0], stride[1], pad[0], pad[1], dil[0], dil[1]);
    }

    static void rank(String op, String name, NdArray a, int rank) {
        if (a.dim() != rank) {
            throw new IllegalArgumentException(op + ": " + name + " must have rank " + rank + ", got shape " + Shape.str(a.shape()));
        }
    }

    static void requireFloating(String op, NdArray a) {
        if (!a.dtype().isFloating()) {
            throw new IllegalArgumentException(op + ": needs a float32 or float64 array, got " + a.dtype().pyName() + " of shape "
                    + Shape.str(a.shape()) + "; convert with to(DType.FLOAT32)");
        }
    }

    private static DType promotedFloat(String op, NdArray x, NdArray weight) {
        DType t = DType.promote(x.dtype(), weight.dtype());
        if (!t.isFloating()) {
            throw new IllegalArgumentException(op + ": needs float input or weight, got " + x.dtype().pyName() + " input of shape "
                    + Shape.str(x.shape()) + " and " + weight.dtype().pyName() + " weight of shape " + Shape.str(weight.shape()));
        }
        return t;
    }

    private static void checkInput(String op, NdArray x, int rank, ConvGeometry g) {
        rank(op, "input", x, rank);
        requireFloating(op, x);
        int[] s = x.shape();
        int[] expected = rank == 4 ? new int[] {s[0], g.channels(), g.h(), g.w()} : new int[] {s[0], g.channels(), g.w()};
        if (!Arrays.equals(s, expected)) {
            throw new IllegalArgumentException(op + ": input of shape " + Shape.str(s) + " does not match " + g
                    + " (expected " + Shape.str(expected) + ")");
        }
    }

    private static void require1d(String op, ConvGeometry g) {
        if (g.h() != 1 || g.kh() != 1 || g.strideH() != 1 || g.padH() != 0 || g.dilH() != 1) {
            throw new IllegalArgumentException(op + ": needs a 1-D geometry (ConvGeometry.of1d), got " + g);
        }
    }

    private static void checkGroups(String op, NdArray x, NdArray weight, int groups) {
        int c = x.size(1), o = weight.size(0);
        if (groups < 1 || c % groups != 0 || o % groups != 0) {
            throw new IllegalArgumentException(op + ": groups = " + groups + " must divide both the " + c + " input channels of "
                    + Shape.str(x.shape()) + " and the " + o + " output channels of weight " + Shape.str(weight.shape()));
        }
        if (weight.size(1) != c / groups) {
            throw new IllegalArgumentException(op + ": weight of shape " + Shape.str(weight.shape()) + " expects " + weight.size(1) * groups
                    + " input channels with groups = " + groups + ", but the input of shape " + Shape.str(x.shape()) + " has " + c);
        }
    }

    private static void checkBias(String op, NdArray bias, int o) {
        if (bias != null && (bias.dim() != 1 || bias.size(0) != o)) {
            throw new IllegalArgumentException(op + ": bias must have shape [" + o + "], got " + Shape.str(bias.shape()));
        }
    }
}
